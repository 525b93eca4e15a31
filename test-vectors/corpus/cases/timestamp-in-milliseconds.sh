curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="ldSWlp16BwUjlijbjzWWulqOFgg1Wd6I1OuDkjKMvWJky1+IPPViVTMVG5KllHNDmFLWZkK98hhys717yyXa3XA277CIoNZvGGoVs1zny6ytpxpoemgt7lfdbvSUtZV8D+Wd/UxUN4jTkxRO2oYDoeZXNRbYbX0vTKV7c9azuR9U7me6nN1rRl6Hr9wGx5/iIjqsiWsh8klLQ/QBNqvV2n6lQfSGTfLdbTiCscVCzPe3KIEPhcjMJ2kxoiwHnJGCrDuyjZR6JM0VBhgbdAghhoz3b8+EjlSGxa2ZvtkABuHHkvmd0XXEm9TGZtdJxlWqcp95CQwUF1BCY64ZThWLSg==",timestamp="1757900000123",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

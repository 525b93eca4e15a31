curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="gBV1SvcblDFwyrawK0uR0izROUi1R19iDgNRisfRPwAubIOkJv71oI0fGt0RgIZzmpW+kFk4v4Y/X2ZB/uCKoqpJoOUNZu+okcfth771gKrTNnQgF5BlG6UNndjOWIHoyFAV3VougN9QikgX1c6BNJI4RQwUYDpi9xzMYgDFG6C2rrb23lri2BKEXcc3Q28ScJrpanZU3f3SHMg+pGFQgEMMZWrHk4ptvHXDI4LWo3CAIwXbaTf+ISWDO3FmiHlEujdSpnchad9vO80Pe4FSlnoAuf6GABa1DzL7F49DZCraSSR3hlQ6kFOb20Nb7rY4qzM+T/tGBGhQ9tMigRpBcw==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  -H 'X-Forwarded-Prefix: /api-weixin' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="NtsEWxXTsQuOKs+tJjdlZoJQfwtktdVqBvklseiYmBxnEwMxg+y87u2TTC16emMmb+A0gopdyvLwnN9u4xA1QGz7peMz4RpzKOWHCIbMcqoOcTC73SYniuEMBQ/4SWzURqhxCmfLGzpo51QWXF5nm1r2ZbHisJQMa/B1c9EDOnqDVHdoyurAt9Vizzdon7DQogQjBw5PhUZpHcXX0nHzM6PmCOhQO0H67LCpUEj3V8IxGGnDstgOWTVqvAZ6EMecFYXHPnEGePw4cbrn8FSGqgL6HpGrfKzVqhO1onBJ8+nPt+ookqRU0rTGEbVRnOBli7W7XhEDPqI5YXWFWYaBEA==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"https://shop.example.com/orders/2015/05/20"}'

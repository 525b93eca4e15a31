curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify?source=wechatpay' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="qB4xdNmsejvaZkHjS4+lTPtlVwveN9Rw/wYJ39/DiPxJB8QzVvwGwDrCd0Ycqa82gvdxAxaVtIi7FKGs3Wf8iUZJiOIV8LEQG6U7/Uu59JGGwPx/BUcsa/38TfoPShaHTCk2tetO/O6OyF8Q6L3Neh1ycXQ0gT3H4a8m77xa8u5WMSB8J7tomFYgYVXxSeTPzrcbD/t0Ni/nDDqjxQoWIWw1Ti39dfFeWl9rwockAC1lCESX8XP29l1IodtTdqc2UPeIBpx4josc6k+WbwRcA1QFilePC+HwXsGSWqOBUFNw37eQm+s2jH6sW70a29pWlhGc0tgqR24GYxJfEtuglA==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="IuPhKjQeyJX564+WCJSXj15p7iAxGXKXwbgftZGC2qsWlh8A2gPyOnYonHqfTl4pguJ7sKPLXeq24x2DHWX1LjqK+PP3kSwa9xDGn2SZYFWkBDZc5Le+d06jenrQr8+CiY5YDqcWDhZcW4Z+nxFuzletFy8WMMDUIT08v5PX6daafBfL6qPgpC1UtCO4hM0ZczEF+2lNH/VG2fKb41Um147juT/1i3IYmWP1J188flTUIvctTiJDDMg5h/UIUkvozCQUm5l4Owc1ABcj3+eMouRExKtq3oy7bIPcukoRGP2x8E12bYsai0iludfs+skPb8iyjZS2+G+RRwJHnjXiqw==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

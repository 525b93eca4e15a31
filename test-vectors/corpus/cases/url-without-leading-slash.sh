curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="JceS/cICwacxQY9Q51SoKhJYY13PvFvcfNI8RAsUHXCeJWhYdXfcjOiLgQYBaxiU3b3uj3uf3twOLIkcSaraj/KNQpkoB8Vxbsq5mKhDaBXaWHDsUToButFPzWwV7MYKPXIGw4zy0Xf5uQ0ajtzxDaEYWvehdt//UyCSZQQAj2uuXUrtuYQyzNYu4OpIewT/ArhxrbNb2NT1Zwn7J1uAyNuKbpPnoUAqqOz5DPpJXroOrBAiKb1lNtHguzmBYEzWlqJ1R+EV8UcgZKnwbXSN1TcVVx/yxbJD9hyaSdt9L2II5ju442QNMYPG4ld/GXYFuFEq50PZ2RopHwOXTT67Tg==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

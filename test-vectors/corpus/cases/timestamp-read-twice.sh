curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="BNLWSPYKQ496UHZ6qYUdB2ZKpo8ifj+chSD8Bpi8Lr10wJE4JGao/kKWbrPwVVsTIdeWKMU2R/RR+UVVJ1a2VNoSxxUi6xtCDFlKyZ79zAhyVIVukZ6rrlMHKNa6/U5IBJDLIw+xVFURdcmhdotcpL4sctcy0axRnwf7TlUsVwIat5D/9IdWujPXK380DYPGPGYXJ8Ndqfja3lWT4SwIuyCCqxjGhW77jL3jAVzhbjedcID9DNOg4MCNqUqUzSXn8KAbx63XrxwAssF6JgaZD8Y97I/2DWZ0mDejqvtkww8BbG3IyDXHF2cKLsOuxMmkQtugPBT3P2bqNQaMdBQ7Jg==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

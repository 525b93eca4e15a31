curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="e/1feq0EcRbkUMF/vjGIi5x4NfySR2L1Q+ZJmiGG/OVMWzVa9RocpRuUHHpKHAFyF+DJcIQ6AK5svDZt+OF8Lt+oktcOSjMELI1imh7xVKX1EbcKGlcOW6nTEhbeMfAHg+GpVmsm6aSbAJwoDgPfH4qnRgU8KZTJDLcjfTGLK5X5p2X7FssgW+BnQ1fZTXQhdMex375mQ0UqFDM5VL58hrPe4KHel5TltbUUzgDht7EkvC2j0NgAFdUh32FlQLDh+lBNFN/5MjuPetFvIz5yHr/epj82i/XLcrbjRT1HU/7rMaUtYC6Ca/JTahW/hbgzpFEmdf1NJQT+ljhnTak0iA==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

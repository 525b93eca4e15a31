curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="CsSSNsuBOpYT+IBKb0htH4ppeE0j7tafqYheIpHedKqMb6kQ8SGH05W9rRTH00o596PWzyJJjkO2V/SvCUCgARiwth7O+xj5nCHq4iwmFcZXPNvaqDbZDYK9joxCH3BcQJlT32lPAah1PwFEzAJY22gr/Kq2+lom8JBb0Pxy6Eq/7IAn7uzZ/b414lnnYfRHN/0ZQLvUsxWsI4/jnUz5BA3sqxvcCVXKu6wJDimV1o2Hk96tpAXTZ6DZdp1tbNPSr7sFbTMiOBlzpN2A80j6l1sDyxm17BCMv8gdzOpJmkjTB5G0D608xJMc4GvL3LvJbug4a2fnfYPFmC9Ze9OjeA==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

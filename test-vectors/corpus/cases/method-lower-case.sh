curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="ueOoOHvws4jqQUvVbzl9C3htRSeiT+BEEMqknDAfPevUqINJ0NSmosyWutjyxY6YUflMi1QD1sR5kAN8+mSlIptwpXDBPC+OgWy2k0th1jpB3LLmt15LSoH5z9yA2XX+YjOMX9vp+e/I1dy/ELUchhwvdv57EM7Nn/XwW4DTCYrL/TXCd67Rk5PMORvzZRX5o3iEufN77DaE8IH7h7jkRVVs7u5ZO8BK0XYnXaal4Gw5oimkDkNYjlwxch9nEc/GRnq8XIPbHLiJoiGKdOpIsLe8dZwrIR4gDWcrHghbWOFtcJGXGsTiamdZ7gkXzjFHza2p/Jp1DU6nnVrKPMSpAQ==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="nANWIEuZEpb/hidl4pkEvxC3znHYCWKQ42lIXru8VufZAXRnJCT8nnO8NmJP+LRRI06avb8cGRFRP4hDwm29tJmbAtD6NdtYVCcja0XoXM8g8GLNmPpjf8Kij8yh2A45zyV85yAAD73r2EXAa9yhVlhfI7teDULzyAI+mXdU5XTvnyFC7KoomHe57fqJpggMEgyP2XsLnS4DH9jOdOhuIJbTrnoxabvuwZSQF9GljlPxGooOyjmUSHVm07vvlcGMwc6otTA4/Krg515ZWZcGxwQyuwpL89Y23lJSjWqIi/3ejRz5MczdfQuk+q3RBE5ZfSUP0QEwQ80qVtTT2A821Q==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

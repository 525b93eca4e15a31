curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="XK+7SCljwisLb1+XAD4RuTBlFJQInclePyb+puSTUajc6AZ2Fhsg+9L8z3Di8Z9M5f+r9UfB1gz+wJUtEakt0uz8tEccwTJO8JqkTnYxkR+JdZbTXTtKZ56etFj0bRFHWVDL0jO9HBDtXgFOlYhxobQbowOvKtLUsC1/pbMOjs0vCtcCl0MDFT//ZBiq3/3bkXzpQHbCx19/bdVqi0ThY3MVxdGozMv03xhGe4AkzQHWL+xFzhwuV/Rfed+yVOa+Su8mJlXAjnPhdXCMzoh2GHLHjii9eD8JC0ijjtnThozZ/RyOtDDIhEqau3W9yJz7io3NChXgVJzpfcHxmZbokg==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

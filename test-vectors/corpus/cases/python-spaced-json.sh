curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="Df3iEwZPo2Z/Ah5m1AiPhWSWFt8ZGYmEknCbY1Itr0zKM5JeunLxs95lHKGqEdM12N0EGGmjNyml2gJjShVbWNYT7JAbK7cOTao1W7wYMTkII0NMprqSoJZil/R/LWfLLw1rJFIlz06tk9tB/2JZMMPPk5uUQ9SmSuHTm6bUUqfGlpLTf14TWwNxim2/gfbscAAt3A2ypnTQNMoMG7CDmbV3UfMSaWBJ8sFNl63+NL+O7JGl/lE1V74Jgs/pyXaVio1LdI20qmlbnNmj05n9MMeJe52C0fm0H8szKud5/zvGltQDgEIvZsj82XBpwZ9eD50wLDPMMjdjEc/lLzIKrw==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"REJECT","audit_finish_time":"2015-05-20T13:29:35+08:00","fail_code":"1001","fail_msg":"身份证照片模糊，请重新上传","attach_info":"updateidcard"}'

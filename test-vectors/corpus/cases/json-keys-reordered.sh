curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="p4IkcyklfuVqi6loeI1aySVT0e3h8LIzF6XhozRGXXFZaEvhgSDbbOw+OPiuknynmORiehvfXtKNtyRGSc2HMW/nDYSJNfxvowzVm7z320AmLShvgNpUDJLiiJzOgjLwL3miRRWqA//ytu8GwsP4RvMPnUGViVRiV5MRNF/FcZo//9u8TTfMFTu2smRHLbjaAPTHfnIsAhfyTbAVivEOSV7ZFKu/lVmGQcYWEz1flBbx9bHzj+5zOtevD4Aj3hUdpa6AEzu5PQjQ9yFPO2ZH0MtfGDe7edyJDbxTAG+jig8hiFk4qhvFU1DwVJHPTb5f4+KHi5xvyZhH06afhXsmUw==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"REJECT","audit_finish_time":"2015-05-20T13:29:35+08:00","fail_code":"1001","fail_msg":"身份证照片模糊，请重新上传","attach_info":"updateidcard"}'

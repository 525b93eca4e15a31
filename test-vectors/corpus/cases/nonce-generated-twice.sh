curl -X POST 'https://notify.example.com/v3/aggracct-bc/wb-channel/control-orders/info/update/result/notify' \
  -H 'Authorization: WECHATPAY2-SHA256-RSA2048 mchid="1900016681",nonce_str="1757900000123",signature="S70qcKx2QCY6HM92tbaudt0mwq/p4P36Y6qgnWmH5OB974Kydj0U004Yu4pzF+2+EpO5cRnhYZvn0CGJTHjuW08FVazPXjvdskdfxIV/g3ypatAUROWbdD7AvZH4cFc8T+LvTZI7diiaHUgxYteaedFacCp0uySBgxWOFw+ZjLqAcgNSLoi1cpem/GKLiVR3+ffRvfzbRQDhGARGCU9U8+DvWEqDPC/8ovBuLzGEc/5pilY/AIlmKYRnAIARgWc3b7msjDWFTiY33WH5tbL8gNef3EGILnm97yOpqLDFVZYfDKm9qRQMTZP3jEOdg4ODLyID/sVfac8ILwlKolw9AQ==",timestamp="1757900000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1"' \
  -H 'Content-Type: application/json' \
  -H 'Accept: application/json' \
  -H 'Wechatpay-Serial: PUB_KEY_ID_0119000166812025091500000000000001' \
  --data-raw '{"out_request_no":"htozr8denqegbt6tk6u10iymo7yww5pn","mchid":"1900016681","audit_result":"PASS","audit_finish_time":"2015-05-20T13:29:35+08:00","attach_info":"updateidcard"}'

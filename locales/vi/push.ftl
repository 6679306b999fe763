# Push messages
push-read-button = Đọc bài
push-source = Nguồn: { $source }
push-digest-header = <b>Bản tin ngày { $date }</b>: { $count } tin, văn bản mới.
push-digest-document = [Văn bản]

# Subscriptions
subscribe-done = Ông/Bà đã đăng ký nhận tin. Tin bài và văn bản mới sẽ được gửi đến ngay khi có. Có thể chỉnh lại bên dưới.
subscribe-keyword-done = Đã thêm cảnh báo từ khóa «{ $keyword }». Ông/Bà sẽ nhận tin, văn bản có từ khóa này.
subscribe-keyword-too-long = Từ khóa quá dài (tối đa { $max } ký tự).
unsubscribe-done = Ông/Bà đã hủy đăng ký. Bot sẽ không gửi tin nữa. Gõ /dangky để đăng ký lại.
unsubscribe-none = Ông/Bà chưa đăng ký nhận tin. Gõ /dangky để đăng ký.
settings-none = Ông/Bà chưa đăng ký nhận tin. Gõ /dangky để đăng ký, hoặc <code>/dangky quy hoạch</code> để nhận tin theo từ khóa.
settings-title = <b>Cài đặt nhận tin</b>
settings-news = Tin bài: { $on }
settings-documents = Văn bản: { $on }
settings-topics = Chủ đề: { $topics }
settings-topics-all = tất cả
settings-keywords = Từ khóa: { $keywords }
settings-keywords-none = chưa có (thêm bằng <code>/dangky từ khóa</code>)
settings-mode = Cách nhận: { $mode }
settings-mode-instant = ngay khi có tin
settings-mode-digest = bản tin cuối ngày
settings-quiet = Giờ yên lặng: { $quiet }
settings-quiet-off = tắt
settings-polls = Thăm dò ý kiến: { $on }
settings-on = bật
settings-off = tắt
settings-inactive = (Đăng ký đang tạm dừng.)
button-news = Tin bài: { $on }
button-documents = Văn bản: { $on }
button-mode = Cách nhận: { $mode }
button-quiet = Giờ yên lặng: { $quiet }
button-polls = Thăm dò: { $on }
button-topics = Chọn chủ đề
button-keywords = Xóa từ khóa
button-back = « Quay lại
button-unsubscribe = Hủy đăng ký
button-topic-all = Tất cả chủ đề
topics-title = Chọn chủ đề muốn nhận (không chọn chủ đề nào là nhận tất cả):
topics-none = Chưa có chủ đề nào từ các nguồn tin.
keywords-title = Bấm vào từ khóa để xóa:

# Staff
staff-not-set-up = Chức năng dành cho cán bộ chưa được thiết lập (thiếu STAFF_CHAT_ID).
staff-only = Xin lỗi, lệnh này chỉ dành cho cán bộ trong nhóm điều hành.
staff-use-in-group = Vui lòng dùng lệnh này trong nhóm điều hành.
announce-usage = Gõ nội dung sau lệnh, ví dụ: <code>/thongbao Từ 1/7, bộ phận một cửa làm việc cả sáng thứ Bảy.</code>
announce-too-long = Thông báo quá dài ({ $length } ký tự; tối đa { $max }).
announce-preview = <b>Xem trước thông báo</b> (sẽ gửi đến { $count } người đăng ký):
announce-send = Gửi cho { $count } người
announce-cancel = Hủy
announce-cancelled = Đã hủy thông báo.
announce-already = Thông báo này đã được xử lý.
announce-progress = <b>Đang gửi thông báo</b>: đã gửi { $sent }/{ $total }, bị chặn { $blocked }, lỗi { $failed }.
announce-done = <b>Đã gửi xong thông báo</b>: gửi được { $sent }/{ $total }, bị chặn { $blocked }, lỗi { $failed }.
announce-header = <b>Thông báo từ { $city }</b>
sources-title = <b>Nguồn tin</b>
sources-none = Chưa cấu hình nguồn tin nào (SOURCES_FILE).
sources-line = <b>{ $name }</b> ({ $type }): { $items } tin; lần thành công cuối: { $success }
sources-error = ⚠️ lỗi { $failures } lần liền, lần cuối { $when }: { $error }
sources-backoff = thử lại sau { $until }
sources-never = chưa có

# Commands in Telegram's menu
command-subscribe = Đăng ký nhận tin mới
command-unsubscribe = Hủy đăng ký nhận tin
command-settings = Cài đặt nhận tin

## Opinion polls and staff insight (Vietnamese, the default).

# Who may do what
polls-admin-only = Xin lỗi, chỉ quản trị viên nhóm cán bộ mới được đóng thăm dò.

# Creating: the one-line form and the guided flow
polls-form-usage = Cách tạo thăm dò nhanh: <code>/thamdo Câu hỏi? | Phương án 1 | Phương án 2</code>. Gõ /thamdo không kèm nội dung để được hướng dẫn từng bước.
polls-form-problems = Chưa tạo được thăm dò:
polls-problem-question-empty = • Câu hỏi đang trống.
polls-problem-question-too-long = • Câu hỏi dài { $length } ký tự, Telegram cho phép tối đa { $max }. Vui lòng rút gọn.
polls-problem-too-few-options = • Cần ít nhất { $min } phương án (hiện có { $count }).
polls-problem-too-many-options = • Tối đa { $max } phương án (hiện có { $count }).
polls-problem-option-empty = • Phương án { $position } đang trống.
polls-problem-option-too-long = • Phương án { $position } dài { $length } ký tự, tối đa { $max }.
polls-problem-option-duplicate = • Phương án { $position } (“{ $label }”) trùng với một phương án trước đó.
polls-deadline-unreadable = Chưa hiểu hạn chót này. Ví dụ: “3 ngày”, “2 tuần”, “25/12/2026” hoặc “25/12/2026 17:00”.
polls-deadline-invalid-date = Ngày giờ không hợp lệ. Ví dụ: “25/12/2026 17:00”.
polls-deadline-in-the-past = Hạn chót phải ở thời điểm sau bây giờ.
polls-deadline-too-far = Hạn chót tối đa là một năm kể từ hôm nay.
polls-flow-question = <b>Tạo thăm dò (1/6)</b>: Vui lòng trả lời tin nhắn này bằng câu hỏi (tối đa 300 ký tự).
polls-flow-options = <b>(2/6)</b>: Gửi các phương án, mỗi phương án một dòng (từ 2 đến 12 phương án, mỗi phương án tối đa 100 ký tự).
polls-flow-multiple = <b>(3/6)</b>: Mỗi người được chọn:
polls-flow-anonymous = <b>(4/6)</b>: Thăm dò ẩn danh hay ghi tên? Với thăm dò ẩn danh, cán bộ không biết ai chọn gì.
polls-flow-deadline = <b>(5/6)</b>: Hạn chót? Ví dụ: “3 ngày”, “2 tuần”, “25/12/2026” hoặc “25/12/2026 17:00”.
polls-flow-audience = <b>(6/6)</b>: Gửi thăm dò đến:
polls-flow-chat = Gửi mã số (chat id) của nhóm, ví dụ <code>-1001234567890</code>. Bot phải là thành viên của nhóm đó.
polls-flow-chat-invalid = Mã nhóm không hợp lệ: cần một số nguyên, ví dụ <code>-1001234567890</code>.
polls-flow-cancelled = Đã hủy tạo thăm dò.
polls-flow-expired = Phiên tạo thăm dò này đã kết thúc. Gõ /thamdo để bắt đầu lại.
polls-flow-placeholder = Trả lời tại đây
polls-button-single = Một phương án
polls-button-multiple = Nhiều phương án
polls-button-anonymous = 🔒 Ẩn danh
polls-button-named = 👤 Ghi tên
polls-button-default-deadline = { $days } ngày (mặc định)
polls-button-audience-subscribers = Người đăng ký nhận tin
polls-button-audience-users = Mọi người dùng bot
polls-button-audience-chat = Một nhóm chat
polls-button-send = ✅ Gửi thăm dò
polls-button-cancel = ✖️ Hủy

# Preview
polls-preview-title = <b>Xem trước thăm dò #{ $id }</b> (người nhận sẽ thấy như dưới đây):
polls-preview-audience-subscribers = Gửi đến: người đăng ký nhận tin đang bật nhận thăm dò ({ $count } người).
polls-preview-audience-users = Gửi đến: mọi người dùng bot đang bật nhận thăm dò ({ $count } người).
polls-preview-audience-chat = Gửi đến: nhóm chat <code>{ $chat }</code>.
polls-preview-sent = Đã bắt đầu gửi thăm dò #{ $id } đến { $count } nơi nhận. Tiến độ sẽ được báo tại đây.
polls-preview-cancelled = Đã hủy thăm dò #{ $id }, chưa gửi cho ai.
polls-preview-stale = Thăm dò #{ $id } đã được gửi hoặc đã hủy trước đó.
polls-progress = Đang gửi thăm dò #{ $id }: { $sent }/{ $total } đã gửi, { $blocked } đã chặn bot, { $failed } lỗi.
polls-progress-done = Đã gửi xong thăm dò #{ $id }: { $sent }/{ $total } đã nhận, { $blocked } đã chặn bot, { $failed } lỗi.

# The poll as citizens see it
polls-message-title = 📊 <b>THĂM DÒ Ý KIẾN</b>
polls-message-single = Chọn một phương án. Bấm lại lựa chọn của mình để rút lại.
polls-message-multiple = Có thể chọn nhiều phương án. Bấm lại một phương án để bỏ chọn.
polls-message-anonymous = 🔒 Ẩn danh: không ai biết bạn chọn gì.
polls-message-named = 👤 Có ghi tên: cán bộ thành phố thấy lựa chọn của bạn.
polls-message-deadline = ⏰ Hạn chót: { $deadline }
polls-message-closed-title = 📊 <b>THĂM DÒ Ý KIẾN</b> (đã kết thúc). Cảm ơn bạn đã tham gia!
polls-vote-recorded = Đã ghi nhận lựa chọn: { $choices }
polls-vote-withdrawn = Đã rút lại lựa chọn của bạn.
polls-vote-closed = Thăm dò này đã kết thúc, lựa chọn không được tính.
polls-vote-not-found = Không tìm thấy thăm dò này.

# Results, closing, export
polls-result-line = { $position }. { $label }: <b>{ $count }</b> ({ $percent })
polls-participants = { $count } người đã tham gia bình chọn
polls-results-title = <b>Kết quả thăm dò #{ $id }</b> ({ $status })
polls-status-open = đang mở, hạn chót { $deadline }
polls-status-closed = đã kết thúc
polls-chart-note = Thăm dò #{ $id } · { $status }
polls-none = Chưa có thăm dò nào.
polls-not-found = Không tìm thấy thăm dò số “{ $arg }”. Gõ lệnh không kèm số để dùng thăm dò gần nhất.
polls-closed-by-hand = Đã đóng thăm dò #{ $id }; nút bình chọn đang được gỡ khỏi { $copies } tin nhắn.
polls-closed-by-deadline = Thăm dò #{ $id } đã hết hạn và được đóng tự động.
polls-already-closed = Thăm dò #{ $id } đã đóng từ trước.
polls-not-open = Thăm dò #{ $id } chưa được gửi nên không có gì để đóng.
polls-export-caption = Kết quả thăm dò #{ $id } (CSV, mở được bằng Excel).
polls-export-filename = tham-do-{ $id }.csv
polls-csv-totals = Kết quả thăm dò
polls-csv-votes = Các phiếu (thăm dò có ghi tên)
polls-csv-position = STT
polls-csv-option = Phương án
polls-csv-count = Số phiếu
polls-csv-percent = Tỷ lệ (%)
polls-csv-participants = Số người tham gia
polls-csv-user-id = Mã người dùng Telegram
polls-csv-name = Tên
polls-csv-voted-at = Thời điểm (UTC)

# Staff insight: /thongke and the weekly report
stats-title = 📈 <b>Thống kê { $days } ngày qua</b>
stats-weekly-title = 🗓 <b>Báo cáo tuần ({ $days } ngày qua)</b>
stats-users = 👥 Người dùng: { $active } đang hoạt động, { $inactive } đã chặn bot.
stats-subscribers = 🔔 Người đăng ký nhận tin: { $active } đang nhận, { $inactive } đã hủy hoặc chặn bot; { $pollsOff } tắt nhận thăm dò.
stats-per-day = 💬 Câu hỏi theo ngày:
stats-day-line = { $day }: { $count }
stats-answered = ✅ Trả lời được: { $answered }/{ $total } ({ $percent })
stats-top = 🔝 Hỏi nhiều nhất:
stats-top-unanswered = ❓ Chưa trả lời được (nội dung còn thiếu):
stats-question-line = • { $question } ({ $count } lần)
stats-not-helpful = 👎 Phản hồi “chưa đúng ý”: { $count }
stats-not-helpful-line = • { $question }
stats-polls = 📊 Thăm dò đang chạy: { $count }
stats-poll-line = • #{ $id } { $question }: { $participants } người tham gia, hạn chót { $deadline }
stats-none = • (chưa có)

# Staff command menu (staff chat only)
command-thamdo = Tạo thăm dò ý kiến
command-ketqua = Kết quả thăm dò (mặc định: gần nhất)
command-dong = Đóng thăm dò (quản trị viên)
command-xuat = Xuất kết quả thăm dò ra CSV
command-thongke = Thống kê câu hỏi, người đăng ký, thăm dò

# Texts shared by every feature.
button-stale = Nút này không còn dùng được. Ông/Bà vui lòng gửi lại câu hỏi.
button-previous = ‹ Trước
button-next = Tiếp ›
button-more = Kết quả khác ›
error-apology = Xin lỗi, hệ thống vừa gặp sự cố khi xử lý yêu cầu. Ông/Bà vui lòng thử lại sau ít phút.
rate-limited = Ông/Bà gửi hơi nhanh. Xin vui lòng chờ vài giây rồi gửi tiếp, tôi sẽ trả lời lần lượt.
unhandled-command = Tôi chưa hiểu lệnh này. Gõ /trogiup để xem các lệnh.
unhandled-message = Hiện tôi chỉ đọc được câu hỏi bằng chữ. Ông/Bà vui lòng gõ câu hỏi.
doc-number = Số: { $number }

start-welcome =
    Xin chào! Tôi là trợ lý thông tin công khai của { $city }.

    Ông/Bà có thể hỏi bằng tiếng Việt, có dấu hay không dấu đều được. Tôi trả lời bằng câu trích từ tin bài và văn bản chính thức, kèm nguồn để đối chiếu.

    Mời chọn một câu hỏi mẫu bên dưới, hoặc gõ /trogiup để xem các lệnh.
start-example-1 = Đông Hà có bao nhiêu đảng viên?
start-example-2 = Tổng thu ngân sách năm 2023 là bao nhiêu?
start-example-3 = Kết luận 21-KL/TW là gì?

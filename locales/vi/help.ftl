help-text =
    <b>Cách dùng</b>
    Gõ câu hỏi như khi hỏi cán bộ, ví dụ: <i>Đông Hà có bao nhiêu đảng viên?</i>

    /hoi &lt;câu hỏi&gt; — đặt câu hỏi (dùng được trong nhóm)
    /tim &lt;từ khóa&gt; — tìm tin bài, văn bản
    /moi — tin mới nhất
    /vanban — văn bản mới; /vanban &lt;số hiệu&gt; — tra văn bản theo số, ví dụ /vanban 21-KL/TW
    /lang — đổi ngôn ngữ (Tiếng Việt / English)
    /trogiup — xem hướng dẫn này

    Trong nhóm, tôi chỉ trả lời khi được gọi bằng lệnh hoặc nhắc tên.

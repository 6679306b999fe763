# Descriptions in Telegram's command menu (1-256 characters).
command-ask = Đặt câu hỏi
command-search = Tìm tin bài, văn bản
command-latest = Tin mới nhất
command-documents = Văn bản mới, tra theo số hiệu
command-lang = Đổi ngôn ngữ
command-help = Hướng dẫn sử dụng
command-start = Bắt đầu

search-usage = Ông/Bà vui lòng gõ từ khóa sau lệnh, ví dụ: <code>/tim ngân sách 2023</code>
search-header = Kết quả tìm kiếm «{ $query }»: { $count } tài liệu.
latest-header = <b>Tin mới nhất</b>
documents-header = <b>Văn bản mới</b>
number-header = Văn bản số «{ $number }»:
number-not-found = Không có văn bản mang số «{ $number }».

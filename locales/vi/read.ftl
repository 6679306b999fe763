read-more-at = Văn bản dài; phần còn lại xem tại: <a href="{ $url }">{ $url }</a>
read-cut = Văn bản dài; còn { $count } phần chưa hiển thị.

language-choose = Mời chọn ngôn ngữ:
language-name-vi = Tiếng Việt
language-name-en = English
language-set = Đã chuyển sang tiếng Việt.

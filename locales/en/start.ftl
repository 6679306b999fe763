start-welcome =
    Hello! I am the public information assistant of { $city }.

    Ask me in Vietnamese, with or without diacritics. I answer with the sentence from official news and documents that answers you, and its source.

    Try one of the example questions below, or send /help to see the commands.
start-example-1 = Đông Hà có bao nhiêu đảng viên?
start-example-2 = Tổng thu ngân sách năm 2023 là bao nhiêu?
start-example-3 = Kết luận 21-KL/TW là gì?

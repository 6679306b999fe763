help-text =
    <b>How to use</b>
    Type your question in Vietnamese, for example: <i>Đông Hà có bao nhiêu đảng viên?</i>

    /ask &lt;question&gt; — ask a question (works in groups)
    /search &lt;keywords&gt; — search news and documents
    /latest — latest news
    /documents — new documents; /documents &lt;number&gt; — look a document up by its number, e.g. /documents 21-KL/TW
    /lang — change language (Tiếng Việt / English)
    /help — this help

    In groups I answer only when called by a command or mentioned.

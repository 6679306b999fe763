search-usage = Please type keywords after the command, for example: <code>/search ngân sách 2023</code>
search-header = Search results for «{ $query }»: { $count ->
        [one] one document.
       *[other] { $count } documents.
    }
latest-header = <b>Latest news</b>
documents-header = <b>New documents</b>
number-header = Document number «{ $number }»:
number-not-found = No document carries the number «{ $number }».
search-none = Nothing found for «{ $query }».
latest-empty = No news yet.
documents-empty = No documents yet.

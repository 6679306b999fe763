# Descriptions in Telegram's command menu (1-256 characters).
command-ask = Ask a question
command-search = Search news and documents
command-latest = Latest news
command-documents = New documents, look up by number
command-lang = Change language
command-help = How to use the bot
command-start = Start

# Push messages
push-read-button = Read
push-source = Source: { $source }
push-digest-header = <b>Digest of { $date }</b>: { $count } new articles and documents.
push-digest-document = [Document]

# Subscriptions
subscribe-done = You are subscribed. New articles and documents will be sent as soon as they appear. You can adjust this below.
subscribe-keyword-done = Keyword alert «{ $keyword }» added. You will receive articles and documents that contain it.
subscribe-keyword-too-long = That keyword is too long (at most { $max } characters).
unsubscribe-done = You are unsubscribed; the bot will send no more news. Type /subscribe to subscribe again.
unsubscribe-none = You are not subscribed. Type /subscribe to subscribe.
settings-none = You are not subscribed. Type /subscribe, or <code>/subscribe zoning</code> for a keyword alert.
settings-title = <b>Subscription settings</b>
settings-news = Articles: { $on }
settings-documents = Documents: { $on }
settings-topics = Topics: { $topics }
settings-topics-all = all
settings-keywords = Keywords: { $keywords }
settings-keywords-none = none (add one with <code>/subscribe keyword</code>)
settings-mode = Delivery: { $mode }
settings-mode-instant = as soon as published
settings-mode-digest = daily digest
settings-quiet = Quiet hours: { $quiet }
settings-quiet-off = off
settings-polls = Opinion polls: { $on }
settings-on = on
settings-off = off
settings-inactive = (Subscription paused.)
button-news = Articles: { $on }
button-documents = Documents: { $on }
button-mode = Delivery: { $mode }
button-quiet = Quiet hours: { $quiet }
button-polls = Polls: { $on }
button-topics = Choose topics
button-keywords = Remove keywords
button-back = « Back
button-unsubscribe = Unsubscribe
button-topic-all = All topics
topics-title = Choose the topics you want (none chosen means all):
topics-none = The sources have no topics yet.
keywords-title = Press a keyword to remove it:

# Staff
staff-not-set-up = Staff features are not set up (STAFF_CHAT_ID is missing).
staff-only = Sorry, this command is for the staff group only.
staff-use-in-group = Please use this command in the staff group.
announce-usage = Type the text after the command, e.g. <code>/announce The one-stop desk opens on Saturday mornings from 1 July.</code>
announce-too-long = The announcement is too long ({ $length } characters; at most { $max }).
announce-preview = <b>Announcement preview</b> (to { $count } subscribers):
announce-send = Send to { $count }
announce-cancel = Cancel
announce-cancelled = Announcement cancelled.
announce-already = This announcement has already been handled.
announce-progress = <b>Sending the announcement</b>: sent { $sent }/{ $total }, blocked { $blocked }, failed { $failed }.
announce-done = <b>Announcement sent</b>: delivered { $sent }/{ $total }, blocked { $blocked }, failed { $failed }.
announce-header = <b>Announcement from { $city }</b>
sources-title = <b>Sources</b>
sources-none = No sources are configured (SOURCES_FILE).
sources-line = <b>{ $name }</b> ({ $type }): { $items } items; last success: { $success }
sources-error = ⚠️ failed { $failures } times in a row, last at { $when }: { $error }
sources-backoff = next try after { $until }
sources-never = never

# Commands in Telegram's menu
command-subscribe = Subscribe to new articles
command-unsubscribe = Unsubscribe
command-settings = Subscription settings

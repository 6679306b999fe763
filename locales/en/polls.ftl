## Opinion polls and staff insight (English).

# Who may do what
polls-admin-only = Sorry, only admins of the staff chat may close a poll.

# Creating: the one-line form and the guided flow
polls-form-usage = Quick poll: <code>/poll Question? | Option 1 | Option 2</code>. Send /poll alone to be guided step by step.
polls-form-problems = The poll was not created:
polls-problem-question-empty = • The question is empty.
polls-problem-question-too-long = • The question is { $length } characters long; Telegram allows { $max }. Please shorten it.
polls-problem-too-few-options = • At least { $min } options are needed (there are { $count }).
polls-problem-too-many-options = • At most { $max } options are allowed (there are { $count }).
polls-problem-option-empty = • Option { $position } is empty.
polls-problem-option-too-long = • Option { $position } is { $length } characters long; at most { $max }.
polls-problem-option-duplicate = • Option { $position } ("{ $label }") repeats an earlier option.
polls-deadline-unreadable = I could not read this deadline. Examples: "3 days", "2 weeks", "25/12/2026" or "25/12/2026 17:00".
polls-deadline-invalid-date = That date or time does not exist. Example: "25/12/2026 17:00".
polls-deadline-in-the-past = The deadline must be in the future.
polls-deadline-too-far = The deadline may be at most one year from today.
polls-flow-question = <b>New poll (1/6)</b>: Please reply to this message with the question (at most 300 characters).
polls-flow-options = <b>(2/6)</b>: Send the options, one per line (2 to 12 options, each at most 100 characters).
polls-flow-multiple = <b>(3/6)</b>: Each person may choose:
polls-flow-anonymous = <b>(4/6)</b>: Anonymous or named? In an anonymous poll, staff do not see who chose what.
polls-flow-deadline = <b>(5/6)</b>: Deadline? Examples: "3 days", "2 weeks", "25/12/2026" or "25/12/2026 17:00".
polls-flow-audience = <b>(6/6)</b>: Send the poll to:
polls-flow-chat = Send the group's chat id, for example <code>-1001234567890</code>. The bot must be a member of that group.
polls-flow-chat-invalid = That chat id is not valid: it is a whole number, for example <code>-1001234567890</code>.
polls-flow-cancelled = Poll creation cancelled.
polls-flow-expired = This poll draft is no longer active. Send /poll to start again.
polls-flow-placeholder = Reply here
polls-button-single = One option
polls-button-multiple = Several options
polls-button-anonymous = 🔒 Anonymous
polls-button-named = 👤 Named
polls-button-default-deadline = { $days } days (default)
polls-button-audience-subscribers = News subscribers
polls-button-audience-users = Everyone using the bot
polls-button-audience-chat = One group chat
polls-button-send = ✅ Send poll
polls-button-cancel = ✖️ Cancel

# Preview
polls-preview-title = <b>Preview of poll #{ $id }</b> (recipients will see this):
polls-preview-audience-subscribers = To: news subscribers who accept polls ({ $count } people).
polls-preview-audience-users = To: everyone using the bot who accepts polls ({ $count } people).
polls-preview-audience-chat = To: group chat <code>{ $chat }</code>.
polls-preview-sent = Sending poll #{ $id } to { $count } recipients. Progress will be reported here.
polls-preview-cancelled = Poll #{ $id } cancelled; nobody received it.
polls-preview-stale = Poll #{ $id } was already sent or cancelled.
polls-progress = Sending poll #{ $id }: { $sent }/{ $total } sent, { $blocked } blocked the bot, { $failed } failed.
polls-progress-done = Poll #{ $id } sent: { $sent }/{ $total } delivered, { $blocked } blocked the bot, { $failed } failed.

# The poll as citizens see it
polls-message-title = 📊 <b>OPINION POLL</b>
polls-message-single = Choose one option. Press your choice again to withdraw it.
polls-message-multiple = You may choose several options. Press an option again to unselect it.
polls-message-anonymous = 🔒 Anonymous: nobody learns what you chose.
polls-message-named = 👤 Named: city staff see your choice.
polls-message-deadline = ⏰ Deadline: { $deadline }
polls-message-closed-title = 📊 <b>OPINION POLL</b> (closed). Thank you for taking part!
polls-vote-recorded = Your choice is recorded: { $choices }
polls-vote-withdrawn = Your vote is withdrawn.
polls-vote-closed = This poll is closed; the vote was not counted.
polls-vote-not-found = This poll was not found.

# Results, closing, export
polls-result-line = { $position }. { $label }: <b>{ $count }</b> ({ $percent })
polls-participants = { $count } people took part
polls-results-title = <b>Results of poll #{ $id }</b> ({ $status })
polls-status-open = open, deadline { $deadline }
polls-status-closed = closed
polls-chart-note = Poll #{ $id } · { $status }
polls-none = There are no polls yet.
polls-not-found = Poll "{ $arg }" was not found. Send the command without a number to use the latest poll.
polls-closed-by-hand = Poll #{ $id } is closed; its buttons are being removed from { $copies } messages.
polls-closed-by-deadline = Poll #{ $id } reached its deadline and was closed.
polls-already-closed = Poll #{ $id } was already closed.
polls-not-open = Poll #{ $id } was never sent, so there is nothing to close.
polls-export-caption = Results of poll #{ $id } (CSV, opens in Excel).
polls-export-filename = poll-{ $id }.csv
polls-csv-totals = Poll results
polls-csv-votes = Votes (named poll)
polls-csv-position = No.
polls-csv-option = Option
polls-csv-count = Votes
polls-csv-percent = Share (%)
polls-csv-participants = People who took part
polls-csv-user-id = Telegram user id
polls-csv-name = Name
polls-csv-voted-at = Time (UTC)

# Staff insight: /stats and the weekly report
stats-title = 📈 <b>Figures of the last { $days } days</b>
stats-weekly-title = 🗓 <b>Weekly report (last { $days } days)</b>
stats-users = 👥 Users: { $active } active, { $inactive } blocked the bot.
stats-subscribers = 🔔 Subscribers: { $active } receiving, { $inactive } unsubscribed or blocked the bot; { $pollsOff } turned polls off.
stats-per-day = 💬 Questions per day:
stats-day-line = { $day }: { $count }
stats-answered = ✅ Answered: { $answered }/{ $total } ({ $percent })
stats-top = 🔝 Most asked:
stats-top-unanswered = ❓ Not answered (missing content):
stats-question-line = • { $question } ({ $count }×)
stats-not-helpful = 👎 "Not what I asked" feedback: { $count }
stats-not-helpful-line = • { $question }
stats-polls = 📊 Polls running: { $count }
stats-poll-line = • #{ $id } { $question }: { $participants } took part, deadline { $deadline }
stats-none = • (none)

# Staff command menu (staff chat only)
command-thamdo = Create an opinion poll
command-ketqua = Poll results (default: the latest)
command-dong = Close a poll (admins)
command-xuat = Export poll results as CSV
command-thongke = Questions, subscribers and polls figures

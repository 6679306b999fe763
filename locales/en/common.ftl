# Texts shared by every feature.
button-stale = This button is no longer valid. Please send your question again.
button-previous = ‹ Back
button-next = Next ›
button-more = More results ›
error-apology = Sorry, something went wrong while handling your request. Please try again in a few minutes.
rate-limited = You are sending messages a little fast. Please wait a few seconds; I will answer them in turn.
unhandled-command = I do not know this command. Send /help to see the commands.
unhandled-message = For now I can only read questions written as text. Please type your question.
doc-number = No. { $number }

import { Composer } from "grammy";
import type { Translate } from "../../translate.js";
import type { CorpusDoc } from "../../index/types.js";
import { CALLBACKS } from "../../callback-data.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../../html.js";
import { MESSAGE_MAX_CHARS } from "../../text-limits.js";
import { splitEscaped } from "../format.js";
import { answerStale, decodeButton } from "../helpers.js";
import { documentHeading } from "../screens.js";

/** At most this many messages for one document; past it, the reader is sent to the link. */
export const READ_MAX_MESSAGES = 6;

/** Reading a whole document in chat: the 📄 buttons of answers and lists. */
export function createReadFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(CALLBACKS.read.match, async (ctx) => {
    const button = await decodeButton(ctx, CALLBACKS.read);
    if (!button) return;
    const docId = button.row.hits[button.press.index];
    const doc = docId === undefined ? undefined : ctx.deps.engine.get(docId);
    if (!doc) return answerStale(ctx);
    await ctx.answerCallbackQuery();
    // One message at a time, in order; auto-retry waits out a 429 between them.
    for (const text of documentMessages(ctx.t, doc)) {
      await ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    }
  });
  return feature;
}

/**
 * A document as messages under Telegram's limit: the heading, then the body split between
 * sentences; a body longer than {@link READ_MAX_MESSAGES} messages ends with a pointer to its link.
 */
export function documentMessages(t: Translate, doc: CorpusDoc, maxMessages = READ_MAX_MESSAGES): string[] {
  const heading = documentHeading(t, doc);
  const body = doc.body.startsWith(doc.title) ? doc.body.slice(doc.title.length) : doc.body;
  const parts = splitEscaped(body, MESSAGE_MAX_CHARS);
  const messages: string[] = [];
  const first = parts[0];
  if (first !== undefined && heading.length + 2 + first.length <= MESSAGE_MAX_CHARS) {
    messages.push(`${heading}\n\n${first}`);
    parts.shift();
  } else {
    messages.push(heading);
  }
  messages.push(...parts);
  if (messages.length <= maxMessages) return messages;
  const kept = messages.slice(0, maxMessages);
  kept.push(doc.url ? t("read-more-at", { url: escapeHtml(doc.url) }) : t("read-cut", { count: messages.length - maxMessages }));
  return kept;
}

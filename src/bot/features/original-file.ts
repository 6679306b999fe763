import { Composer, GrammyError, InputFile } from "grammy";
import { readOriginal } from "../../corpus/original-files.js";
import { documentFacts } from "../../document-header.js";
import { escapeHtml } from "../../html.js";
import type { CorpusDoc } from "../../index/types.js";
import { CALLBACKS } from "../../callback-data.js";
import { CAPTION_MAX_CHARS, truncate } from "../../text-limits.js";
import type { BotContext, DocumentsBotDeps } from "../context.js";
import { answerStale, decodeButton } from "../helpers.js";

/** Telegram's limit on a file a bot uploads, bytes (50 MB). */
export const TELEGRAM_UPLOAD_MAX_BYTES = 50 * 1000 * 1000;

/**
 * "📎 Tải văn bản gốc": sends a document's original file as published, from `DATA_DIR`. The first upload's
 * `file_id` is remembered, so the next sends of the same file cost nothing; a file over Telegram's 50 MB limit, or
 * one no longer kept, is offered as its link instead.
 */
export function createOriginalFileFeature(documents: DocumentsBotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(CALLBACKS.original.match, async (ctx) => {
    const button = await decodeButton(ctx, CALLBACKS.original);
    if (!button) return;
    const docId = button.row.hits[button.press.index];
    await sendOriginal(ctx, documents, docId === undefined ? undefined : ctx.deps.engine.get(docId));
  });
  // Pushed documents carry the item id: a push has no question-log row.
  feature.callbackQuery(CALLBACKS.itemOriginal.match, async (ctx) => {
    const press = CALLBACKS.itemOriginal.decode(ctx.callbackQuery.data);
    const item = press ? await ctx.deps.push?.stores.items.get(press.item) : undefined;
    await sendOriginal(ctx, documents, item ? ctx.deps.engine.get(item.docId) : undefined);
  });
  return feature;
}

async function sendOriginal(ctx: BotContext, documents: DocumentsBotDeps, doc: CorpusDoc | undefined): Promise<void> {
  const file = doc?.file;
  if (!doc || !file) return answerStale(ctx);
  await ctx.answerCallbackQuery();
  const linkOr = (withLink: string, without: string) =>
    doc.url ? ctx.t(withLink, { url: escapeHtml(doc.url) }) : ctx.t(without);
  const caption = truncate([`<b>${escapeHtml(truncate(doc.title, 300))}</b>`, documentFacts(ctx.t, doc)].filter(Boolean).join("\n"), CAPTION_MAX_CHARS);
  const known = await documents.store.telegramFileId(file.sha256);
  if (known) {
    try {
      await ctx.replyWithDocument(known, { caption, parse_mode: "HTML" });
      return;
    } catch (err) {
      // A file_id of another bot, or one Telegram dropped: upload the file again.
      if (!(err instanceof GrammyError && err.error_code === 400)) throw err;
      ctx.logger.warn({ err, sha256: file.sha256 }, "documents: a remembered file_id was refused; uploading again");
      await documents.store.forgetTelegramFileId(file.sha256);
    }
  }
  if (file.bytes > TELEGRAM_UPLOAD_MAX_BYTES) {
    return void (await ctx.reply(linkOr("original-too-large", "original-too-large-no-link"), { parse_mode: "HTML" }));
  }
  const bytes = readOriginal(documents.dataDir, file.sha256);
  if (!bytes) {
    ctx.logger.warn({ sha256: file.sha256, docId: doc.id }, "documents: the original is not in DATA_DIR/files");
    return void (await ctx.reply(linkOr("original-missing", "original-missing-no-link"), { parse_mode: "HTML" }));
  }
  const sent = await ctx.replyWithDocument(new InputFile(bytes, file.name), { caption, parse_mode: "HTML" });
  if (sent.document?.file_id) await documents.store.rememberTelegramFileId(file.sha256, sent.document.file_id, ctx.now());
}

import { canonicalText, foldedText, hasDiacritics } from "../index/normalize.js";
import type { NewOutboxRow } from "../storage/outbox-store.js";
import type { StoredItem } from "../storage/items-store.js";
import type { Subscription } from "../storage/subscriptions-store.js";
import { parseQuietHours, quietUntil, type QuietHours } from "./quiet-hours.js";

const words = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** Folds Vietnamese text for matching with the engine's normalisation: `Quy hoạch,` → `quy hoach`. */
export function foldVietnamese(text: string): string {
  return words(foldedText(text));
}

/** A text prepared once for matching many keywords against it. */
export interface MatchText {
  /** Folded words with a space at each end. */
  folded(): string;
  /** Canonical (marks kept) words with a space at each end. */
  canonical(): string;
}

/** Prepares a text for {@link keywordMatches}; each form is computed once, when first needed. */
export function matchText(text: string): MatchText {
  let folded: string | undefined;
  let canonical: string | undefined;
  return {
    folded: () => (folded ??= ` ${foldVietnamese(text)} `),
    canonical: () => (canonical ??= ` ${words(canonicalText(text))} `),
  };
}

const keywordCache = new Map<string, { toned: boolean; needle: string }>();

// Keywords are few and met once per item: prepare each once.
function prepareKeyword(keyword: string): { toned: boolean; needle: string } {
  let prepared = keywordCache.get(keyword);
  if (!prepared) {
    const toned = hasDiacritics(keyword);
    // With marks, compare canonical spellings so that `hoà` and `hòa` are one word.
    prepared = { toned, needle: ` ${toned ? words(canonicalText(keyword)) : foldVietnamese(keyword)} ` };
    if (keywordCache.size > 10_000) keywordCache.clear();
    keywordCache.set(keyword, prepared);
  }
  return prepared;
}

/**
 * Whether a keyword alert matches a text, as whole words. A keyword typed without diacritics
 * (`quy hoach`) matches any marks (`quy hoạch`); one typed with them matches those marks only,
 * in either tone placement (`hoà` = `hòa`), so `quý` does not match `quy`.
 */
export function keywordMatches(keyword: string, text: string | MatchText): boolean {
  const prepared = typeof text === "string" ? matchText(text) : text;
  const { toned, needle } = prepareKeyword(keyword);
  if (needle === "  ") return false;
  return (toned ? prepared.canonical() : prepared.folded()).includes(needle);
}

/** Whether a subscriber wants an item: its kind (and topic) is on, or one of its keyword alerts matches. */
export function wantsItem(
  sub: Subscription,
  item: Pick<StoredItem, "kind" | "title" | "body" | "tags">,
  text: MatchText = matchText(`${item.title}\n${item.body}`),
): boolean {
  const kindOn = item.kind === "news" ? sub.news : sub.documents;
  if (kindOn) {
    if (sub.topics.length === 0) return true;
    const tags = new Set(item.tags.map(foldVietnamese));
    if (sub.topics.some((t) => tags.has(foldVietnamese(t)))) return true;
  }
  if (sub.keywords.length === 0) return false;
  return sub.keywords.some((k) => keywordMatches(k, text));
}

/** What a new item means for subscribers: outbox rows for instant ones, waiting-list entries for digest ones. */
export interface DeliveryPlan {
  outbox: NewOutboxRow[];
  digest: Array<{ chatId: number; itemId: number }>;
}

/** Options of {@link planDeliveries}. */
export interface PlanOptions {
  now: number;
  timeZone: string;
  /** Quiet hours of subscribers who kept the default. */
  defaultQuietHours: QuietHours | null;
}

/** The quiet hours a subscriber lives by: their own, or the default. */
export function quietHoursOf(sub: Subscription, fallback: QuietHours | null): QuietHours | null {
  if (sub.quietHours === null) return fallback;
  try {
    return parseQuietHours(sub.quietHours);
  } catch {
    return fallback;
  }
}

/**
 * Plans who gets a new item and when: instant subscribers get an outbox row, held until their quiet
 * hours end; digest subscribers get the item on their waiting list.
 */
export function planDeliveries(subs: Iterable<Subscription>, item: StoredItem, options: PlanOptions): DeliveryPlan {
  const plan: DeliveryPlan = { outbox: [], digest: [] };
  const text = matchText(`${item.title}\n${item.body}`);
  for (const sub of subs) {
    if (!sub.active || !wantsItem(sub, item, text)) continue;
    if (sub.mode === "digest") {
      plan.digest.push({ chatId: sub.chatId, itemId: item.id });
      continue;
    }
    const held = quietUntil(options.now, quietHoursOf(sub, options.defaultQuietHours), options.timeZone);
    plan.outbox.push({
      kind: "item",
      ref: String(item.id),
      chatId: sub.chatId,
      payload: { itemId: item.id, lang: sub.language },
      notBefore: held ?? 0,
    });
  }
  return plan;
}

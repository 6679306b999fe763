import { escapeHtml } from "../html.js";
import type { Translate } from "../translate.js";

/** The totals a results message or chart is drawn from. */
export interface ResultsInput {
  question: string;
  options: readonly string[];
  counts: readonly number[];
  participants: number;
}

/** One option's share: its count, and its percentage of the people who voted (0 when nobody did). */
export interface OptionShare {
  label: string;
  count: number;
  percent: number;
}

/**
 * Each option's count and percentage of participants. In a multiple-choice poll the percentages
 * may add up to more than 100, as each person may choose several options.
 */
export function optionShares(input: ResultsInput): OptionShare[] {
  return input.options.map((label, i) => {
    const count = input.counts[i] ?? 0;
    return { label, count, percent: input.participants === 0 ? 0 : (100 * count) / input.participants };
  });
}

/** A percentage as Vietnamese (or English) readers write it: "33,3%" / "33.3%". */
export function formatPercent(percent: number, locale: string): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(percent)}%`;
}

/**
 * The results as an HTML message: the question, one line per option (label, count, percentage),
 * then "N người đã tham gia bình chọn" as on the city's website.
 */
export function formatResults(input: ResultsInput, t: Translate, locale: string): string {
  const lines = optionShares(input).map((share, i) =>
    t("polls-result-line", {
      position: i + 1,
      label: escapeHtml(share.label),
      count: share.count,
      percent: formatPercent(share.percent, locale),
    }),
  );
  return [
    `<b>${escapeHtml(input.question)}</b>`,
    "",
    ...lines,
    "",
    t("polls-participants", { count: input.participants }),
  ].join("\n");
}

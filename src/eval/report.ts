import type { SetReport, Tally } from "./measure.js";

// Printing of the development sets' figures: one compact Markdown table per set, failures after it, or one JSON
// summary for scripts.

const pct = (t: Tally) => (t.of === 0 ? "-" : `${((t.hit / t.of) * 100).toFixed(1)}%`);
const cell = (t: Tally | undefined) => (t === undefined ? "" : t.of === 0 ? "-" : `${pct(t)} (${t.hit}/${t.of})`);

/** A set's table and its first `failuresShown` failures, as lines of text. */
export function formatReport(report: SetReport, failuresShown: number): string[] {
  const lines = [
    `## ${report.name}: ${report.docs} documents, ${report.questions} questions, ${(report.ms / 1000).toFixed(1)} s`,
    ...report.notes.filter((n) => n !== "").map((n) => `  ${n}`),
    "",
    `| ${["", ...report.columns.map((c) => c.heading)].join(" | ")} |`,
    `|${["---", ...report.columns.map(() => "---:")].join("|")}|`,
    ...report.rows.map((row) => `| ${[row.label, ...report.columns.map((c) => cell(row.metrics[c.key]))].join(" | ")} |`),
    "",
  ];
  if (failuresShown > 0 && report.failures.length > 0) {
    const shown = Math.min(failuresShown, report.failures.length);
    lines.push(`failures: ${report.failures.length} (${shown} shown)`);
    for (const f of report.failures.slice(0, shown)) {
      lines.push(`- [${f.label}] ${f.question}`);
      lines.push(`    expected ${clip(f.expected, 120)}; got ${f.got === null ? "null" : clip(f.got, 160)} (${f.docId ?? "no document"})`);
    }
    lines.push("");
  }
  return lines;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

/** The machine-readable summary of some sets: rates with their counts, and the first failures. */
export function jsonSummary(reports: readonly SetReport[], failuresShown: number): unknown {
  return {
    sets: reports.map((r) => ({
      name: r.name,
      docs: r.docs,
      questions: r.questions,
      seconds: Math.round(r.ms / 100) / 10,
      notes: r.notes.filter((n) => n !== ""),
      rows: r.rows.map((row) => ({
        label: row.label,
        ...Object.fromEntries(
          Object.entries(row.metrics).map(([key, t]) => [key, { rate: t.of === 0 ? null : Math.round((t.hit / t.of) * 10000) / 10000, hit: t.hit, of: t.of }]),
        ),
      })),
      failures: r.failures.slice(0, failuresShown),
    })),
  };
}

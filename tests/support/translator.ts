import { I18n } from "@grammyjs/i18n";
import { fileURLToPath } from "node:url";
import type { Translator } from "../../src/polls/format-results.js";

/** A translator over the real locale files, with Fluent's direction marks removed for readable assertions. */
export function createTestTranslator(): Translator {
  const i18n = new I18n({
    defaultLocale: "vi",
    directory: fileURLToPath(new URL("../../locales", import.meta.url)),
    fluentBundleOptions: { useIsolating: false },
  });
  return (locale) => (key, variables) => i18n.t(locale, key, variables);
}

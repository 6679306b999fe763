import { createTranslations } from "../../src/bot/i18n.js";
import type { Translator } from "../../src/translate.js";

/** The translator of the real locale files, as `main.ts` makes it (city "Đông Hà"). */
export function createTestTranslator(): Translator {
  return createTranslations("Đông Hà").translator;
}

import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * OCR cache shared by the test files and runs on this machine: the image-only PDFs are built the same byte for byte
 * every time, so each is OCR'd once, not once per test file.
 */
export const TEST_OCR_CACHE = join(tmpdir(), "civic-bot-test-ocr-cache");

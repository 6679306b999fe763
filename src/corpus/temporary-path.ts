import { randomBytes } from "node:crypto";

/**
 * A path beside `file` to write it under before renaming it into place (atomic on one file system).
 * Random, not only the process id: processes of two containers sharing a volume are often both pid 1.
 *
 * @example
 * const temp = temporaryPath(file); writeFileSync(temp, bytes); renameSync(temp, file);
 */
export function temporaryPath(file: string): string {
  return `${file}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
}

import { InputFile } from "grammy";

/** Wraps bytes for upload; jobs receive it as a function so that they need no grammY value. */
export function toInputFile(data: Uint8Array, filename: string): InputFile {
  return new InputFile(data, filename);
}

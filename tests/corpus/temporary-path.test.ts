import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryPath } from "../../src/corpus/temporary-path.js";

describe("temporaryPath", () => {
  it("gives a different path beside the file at each call, even in one process", () => {
    const file = "/data/files/ab/abcdef";
    const a = temporaryPath(file);
    const b = temporaryPath(file);
    expect(a).not.toBe(b);
    expect(dirname(a)).toBe(dirname(file));
    expect(a.startsWith(`${file}.`) && a.endsWith(".tmp")).toBe(true);
  });
});

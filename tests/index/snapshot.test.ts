import { describe, expect, it } from "vitest";
import { createEngine, restoreEngine } from "../../src/index/engine.js";
import { SnapshotError, decodeSnapshot, encodeSnapshot } from "../../src/index/snapshot.js";
import { SMALL_CORPUS, doc } from "./fixtures.js";

const QUESTIONS = ["Đông Hà có bao nhiêu đảng viên?", "dong ha co bao nhieu dang vien", "đường Lê Lợi", "12/DA-UBND", "tuoi nghi huu"];

describe("snapshot", () => {
  it("restores an engine that answers exactly as the one saved", () => {
    const engine = createEngine(SMALL_CORPUS);
    const bytes = Buffer.concat(encodeSnapshot(engine.exportState(), { fingerprint: "x" }));
    const { state, meta } = decodeSnapshot<{ fingerprint: string }>(bytes);
    expect(meta.fingerprint).toBe("x");
    const restored = restoreEngine(state);
    for (const q of QUESTIONS) expect(restored.ask(q)).toEqual(engine.ask(q));
  });

  it("keeps documents added and removed after the build", () => {
    const engine = createEngine(SMALL_CORPUS);
    engine.add(doc("new", "Đông Hà có 9 phường", "Thành phố Đông Hà hiện có 9 phường."));
    engine.remove("duong");
    const restored = restoreEngine(decodeSnapshot(Buffer.concat(encodeSnapshot(engine.exportState(), {}))).state);
    expect(restored.get("duong")).toBeUndefined();
    expect(restored.ask("Đông Hà có bao nhiêu phường?").answer?.docId).toBe("new");
    expect(restored.size).toBe(engine.size);
  });

  it("rejects truncated or foreign bytes with a SnapshotError", () => {
    const bytes = Buffer.concat(encodeSnapshot(createEngine(SMALL_CORPUS).exportState(), {}));
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 100))).toThrow(SnapshotError);
    expect(() => decodeSnapshot(Buffer.from("not a snapshot at all"))).toThrow(SnapshotError);
    const corrupt = Buffer.from(bytes);
    corrupt.write("{garbage", 12, "latin1");
    expect(() => decodeSnapshot(corrupt)).toThrow(SnapshotError);
  });
});

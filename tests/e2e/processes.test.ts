import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botEnv, collect, groupAlive, killGroup, ROOT, spawnBot } from "../support/bot-processes.js";
import { type FakeBotApi, startFakeBotApi } from "../support/fake-bot-api.js";

// The process as a citizen or an operator starts it: console mode fed by a pipe, and the polling
// bot stopped by a signal to its whole process group.

describe("processes", () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "civic-bot-proc-"));
    env = botEnv(dataDir, { DATA_DIR: dataDir, LOG_LEVEL: "info" });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("console mode answers piped questions on stdout and exits at end of input", async () => {
    const child = spawnBot(env, { stdio: "pipe" });
    const done = collect(child);
    child.stdin!.end("Đông Hà có bao nhiêu đảng viên?\ndong ha co bao nhieu dang vien\n/tim ngân sách\n");
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout.match(/tổng số đảng viên 7\.210 đồng chí/g)).toHaveLength(2);
    expect(result.stdout).toContain("Nguồn: Phát huy truyền thống");
    expect(result.stdout).toContain("(https://thanhuydongha.vn");
    expect(result.stdout).toMatch(/\[\d\] Kết quả khác ›/);
    expect(result.stdout).toContain("Kết quả tìm kiếm «ngân sách»");
    // No markup and no logs on stdout: logs are JSON lines on stderr.
    expect(result.stdout).not.toMatch(/<\/?b>|"level"/);
    expect(result.stderr).toContain('"msg":"bot: question"');
  });

  it("console mode presses a button when a line is its number", async () => {
    const child = spawnBot(env, { stdio: "pipe" });
    const done = collect(child);
    child.stdin!.end("Đông Hà có bao nhiêu đảng viên?\n2\n");
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Kết quả khác cho «Đông Hà có bao nhiêu đảng viên?»");
  });

  it("`echo … | npm start` prints the answer", async () => {
    const child = spawn("sh", ["-c", 'echo "Đông Hà có bao nhiêu đảng viên?" | npm start'], { cwd: ROOT, env, stdio: "pipe" });
    const result = await collect(child);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("7.210 đồng chí");
  });

  describe("with a token", () => {
    let api: FakeBotApi;
    beforeAll(async () => {
      api = await startFakeBotApi();
    });
    afterAll(async () => api.close());

    it("stops polling and exits, every process of the group gone, within 10 s of SIGTERM", async () => {
      const child = spawnBot({ ...env, BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.apiRoot }, { via: "npm", stdio: "pipe", detached: true });
      const done = collect(child);
      try {
        // The menu is registered just before polling starts.
        await api.waitForCall("setMyCommands", (c) => c.payload.language_code === "en", { since: 0, timeoutMs: 20_000 });
        api.userSays("Đông Hà có bao nhiêu đảng viên?");
        const reply = await api.waitForCall("sendMessage", () => true, { timeoutMs: 10_000 });
        expect(reply.payload.text).toContain("<b>7.210</b>");
        const signalled = Date.now();
        process.kill(-child.pid!, "SIGTERM");
        const result = await done;
        // npm exits at once; tsx and node follow once the bot has stopped and the database is closed.
        await expect.poll(() => groupAlive(child.pid!), { timeout: 10_000, interval: 100 }).toBe(false);
        expect(Date.now() - signalled).toBeLessThan(10_000);
        expect(result.stderr).toContain("shutting down");
        expect(result.stderr).not.toContain(api.token);
      } finally {
        // Gone already, as it should be; this only cleans up after a failure.
        killGroup(child.pid!, "SIGKILL");
      }
    }, 40_000);
  });
});

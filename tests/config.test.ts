import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.js";

describe("parseConfig", () => {
  it("accepts an empty environment with defaults", () => {
    const config = parseConfig({});
    expect(config.botToken).toBeUndefined();
    expect(config.cityName).toBe("Đông Hà");
    expect(config.timeZone).toBe("Asia/Ho_Chi_Minh");
    expect(config.quietHours).toEqual([22, 6]);
    expect(config.logLevel).toBe("info");
  });

  it("accepts test tokens like 123456:TEST", () => {
    expect(parseConfig({ BOT_TOKEN: "123456:TEST" }).botToken).toBe("123456:TEST");
  });

  it("turns quiet hours off when QUIET_HOURS is empty", () => {
    expect(parseConfig({ QUIET_HOURS: "" }).quietHours).toBeNull();
  });

  it("answers on every core by default, and in the main thread with ENGINE_THREADS 0", () => {
    expect(parseConfig({}).engineThreads).toBe(availableParallelism());
    expect(parseConfig({ ENGINE_THREADS: "0" }).engineThreads).toBe(0);
    expect(parseConfig({ ENGINE_THREADS: "" }).engineThreads).toBe(availableParallelism());
    expect(() => parseConfig({ ENGINE_THREADS: "two" })).toThrow(/ENGINE_THREADS: must be a whole number/);
  });

  it("names the instance and the jobs lease, with defaults", () => {
    expect(parseConfig({})).toMatchObject({ instanceId: undefined, leaderLeaseMs: 6000 });
    expect(parseConfig({ INSTANCE_ID: "bot1", LEADER_LEASE_SECONDS: "10" })).toMatchObject({ instanceId: "bot1", leaderLeaseMs: 10_000 });
    expect(() => parseConfig({ INSTANCE_ID: "bot 1" })).toThrow(/INSTANCE_ID: must be 1-100 characters/);
    expect(() => parseConfig({ LEADER_LEASE_SECONDS: "1" })).toThrow(/LEADER_LEASE_SECONDS: must be at least 2/);
  });

  it("lists every problem in one error", () => {
    try {
      parseConfig({ BOT_TOKEN: "nope", LOG_LEVEL: "loud", STAFF_CHAT_ID: "abc", TZ: "Mars/Olympus" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join("\n");
      for (const key of ["BOT_TOKEN", "LOG_LEVEL", "STAFF_CHAT_ID", "TZ"]) expect(problems).toContain(key);
    }
  });
});

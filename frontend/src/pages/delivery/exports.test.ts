import { describe, expect, it } from "vitest";
import { describeFilters, formatBytes } from "./ExportsSection";

describe("past exports", () => {
  it("describes the filters an export recorded", () => {
    expect(describeFilters({ only_verified: false, videos: [], labels: [], statuses: [], task_states: [], frame_start: null, frame_end: null })).toBe("none");
    expect(describeFilters({ statuses: ["verified"], task_states: ["accepted"], frame_start: 2, frame_end: null })).toBe(
      "statuses: verified; task states: accepted; frames 2–end",
    );
    expect(describeFilters({ only_verified: true, frame_end: 9 })).toBe("only verified; frames 0–9");
  });
  it("formats sizes", () => {
    expect(formatBytes(null)).toBe("–");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(2048)).toBe("2.0 KiB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.0 MiB");
  });
});

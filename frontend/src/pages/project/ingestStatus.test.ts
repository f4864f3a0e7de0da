import { describe, expect, it } from "vitest";
import { ingestState } from "./ingestStatus";

describe("ingest state of a video row", () => {
  it("shows the place in line while the ingest job waits", () => {
    expect(ingestState({ status: "processing", queue_position: 3 })).toEqual({
      phase: "queued",
      label: "queued (position 3)",
      position: 3,
    });
  });

  it("prefers the polled job, which is fresher than the video list", () => {
    const job = { status: "queued" as const, progress: 0, queue_position: 1 };
    expect(ingestState({ status: "processing", queue_position: 3 }, job).label).toBe("queued (position 1)");
  });

  it("says processing, with progress, once the job runs", () => {
    const job = { status: "running" as const, progress: 0.4, queue_position: null };
    expect(ingestState({ status: "processing", queue_position: 2 }, job)).toEqual({
      phase: "processing",
      label: "processing",
      progress: 0.4,
    });
    expect(ingestState({ status: "processing", queue_position: null })).toEqual({
      phase: "processing",
      label: "processing",
      progress: 0,
    });
  });

  it("says queued without a number when the position is not known", () => {
    const job = { status: "queued" as const, progress: 0, queue_position: null };
    expect(ingestState({ status: "processing", queue_position: null }, job).label).toBe("queued");
  });

  it("shows the video's own status once the ingest settled", () => {
    expect(ingestState({ status: "ready", queue_position: null })).toEqual({ phase: "settled", label: "ready" });
    const job = { status: "failed" as const, progress: 0.2, queue_position: null };
    expect(ingestState({ status: "failed", queue_position: null }, job).label).toBe("failed");
  });
});

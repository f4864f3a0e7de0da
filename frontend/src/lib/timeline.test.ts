import { describe, expect, it } from "vitest";
import {
  frameToX,
  progressSpans,
  propagationRange,
  rowSegments,
  segmentSpan,
  upsertFrame,
  visibleRows,
  xToFrame,
} from "./timeline";
import type { TimelineFrame } from "./types";

describe("timeline row segments", () => {
  it("merges consecutive frames with the same source into runs", () => {
    const frames: TimelineFrame[] = [
      [0, "prompt", 10],
      [1, "propagated", 10],
      [2, "propagated", 12],
      [3, "propagated", 0],
      [4, "propagated", 0],
      [5, "edited", 9],
      [7, "propagated", 9],
      [8, "propagated", 9],
    ];
    expect(rowSegments(frames)).toEqual([
      { start: 0, end: 0, kind: "prompt" },
      { start: 1, end: 2, kind: "propagated" },
      { start: 3, end: 4, kind: "lost" },
      { start: 5, end: 5, kind: "edited" },
      { start: 7, end: 8, kind: "propagated" },
    ]);
  });

  it("sorts unsorted input and handles empty rows", () => {
    expect(rowSegments([])).toEqual([]);
    expect(rowSegments([[3, "auto", 1], [2, "auto", 1]])).toEqual([{ start: 2, end: 3, kind: "auto" }]);
  });

  it("scales to 200 masklets x 2000 frames quickly", () => {
    const rows: TimelineFrame[][] = [];
    for (let m = 0; m < 200; m++) {
      const frames: TimelineFrame[] = [];
      for (let f = 0; f < 2000; f++) frames.push([f, f % 97 === 0 ? "prompt" : "propagated", f % 13 === 0 ? 0 : 5]);
      rows.push(frames);
    }
    const t0 = performance.now();
    const segs = rows.map(rowSegments);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(segs[0].length).toBeGreaterThan(100);
  });

  it("upserts a frame", () => {
    const row: TimelineFrame[] = [[1, "prompt", 4], [3, "propagated", 4]];
    expect(upsertFrame(row, [2, "edited", 5])).toEqual([[1, "prompt", 4], [2, "edited", 5], [3, "propagated", 4]]);
    expect(upsertFrame(row, [3, "edited", 0])).toEqual([[1, "prompt", 4], [3, "edited", 0]]);
  });
});

describe("timeline geometry", () => {
  const s = { frameCount: 2000, width: 1000, offset: 100 };

  it("maps frames to pixels and back", () => {
    expect(frameToX(0, s)).toBe(100);
    expect(frameToX(1000, s)).toBe(600);
    expect(xToFrame(600, s)).toBe(1000);
    expect(xToFrame(0, s)).toBe(0);
    expect(xToFrame(5000, s)).toBe(1999);
  });

  it("gives every segment at least one pixel", () => {
    const [x0, x1] = segmentSpan({ start: 10, end: 10 }, s);
    expect(x1 - x0).toBeGreaterThanOrEqual(1);
  });

  it("finds the visible rows of a scrolled list", () => {
    expect(visibleRows(0, 100, 10, 200)).toEqual([0, 9]);
    expect(visibleRows(95, 100, 10, 200)).toEqual([9, 19]);
    expect(visibleRows(1990, 100, 10, 200)).toEqual([199, 199]);
    expect(visibleRows(0, 100, 10, 0)).toBeNull();
  });

  it("computes propagation ranges and progress spans", () => {
    expect(propagationRange(10, "forward", 50, 40)).toEqual([10, 39]);
    expect(propagationRange(10, "forward", 5, 40)).toEqual([10, 14]);
    expect(propagationRange(10, "forward", 1, 40)).toEqual([10, 10]);
    expect(propagationRange(10, "backward", 50, 40)).toEqual([0, 10]);
    expect(propagationRange(10, "both", 6, 40)).toEqual([5, 15]);
    expect(progressSpans([10, 30], 10, "forward", 0.5)).toEqual([[10, 20]]);
    expect(progressSpans([10, 30], 10, "forward", 0.1, 25)).toEqual([[10, 25]]);
    expect(progressSpans([0, 10], 10, "backward", 0.5)).toEqual([[5, 10]]);
    expect(progressSpans([5, 15], 10, "both", 1)).toEqual([[5, 15]]);
  });
});

describe("timeline duplicates", () => {
  it("keeps the last entry for a repeated frame", () => {
    expect(rowSegments([[1, "propagated", 3], [1, "edited", 3], [2, "edited", 3]])).toEqual([{ start: 1, end: 2, kind: "edited" }]);
  });
});

describe("timeline zoom", () => {
  it("zooms around an anchor frame, within the video and the zoom limits", async () => {
    const { zoomView, followFrame, xToFrame: toFrame } = await import("./timeline");
    const v = zoomView({ zoom: 1, first: 0 }, 4, 1000, 2000);
    expect(v.zoom).toBe(4);
    // the anchor keeps its place: it was at the middle, it stays there
    expect(v.first + 500 / 2).toBe(1000);
    expect(zoomView(v, 1000, 1000, 2000).zoom).toBe(100); // 20 frames at most zoom
    expect(zoomView(v, 0.001, 1000, 2000)).toEqual({ zoom: 1, first: 0 });
    expect(zoomView({ zoom: 4, first: 1500 }, 0.8, 1990, 2000).first + 2000 / 3.2).toBe(2000); // clamped to the end
    // a scale zoomed on 750..1249 maps pixels to those frames
    expect(toFrame(100, { frameCount: 500, width: 500, offset: 100, first: 750, total: 2000 })).toBe(750);
    expect(toFrame(599, { frameCount: 500, width: 500, offset: 100, first: 750, total: 2000 })).toBe(1249);
    // the view follows a frame that leaves it, and stays put otherwise
    expect(followFrame(v, 1100, 2000)).toBe(v);
    const moved = followFrame(v, 1300, 2000);
    expect(moved.first).toBeLessThanOrEqual(1300);
    expect(moved.first + 500).toBeGreaterThan(1300);
  });
});

/**
 * Timeline geometry and row segmentation. A row is one masklet; each frame it has a mask on
 * is coloured by the mask's source, frames whose mask is empty (area 0) are "lost".
 */
import type { Direction, MaskSource, TimelineFrame } from "./types";

export type SegmentKind = MaskSource | "lost";

export interface Segment {
  start: number; // first frame, inclusive
  end: number; // last frame, inclusive
  kind: SegmentKind;
}

/** Runs of consecutive frames with the same kind; gaps (no mask) split runs. */
export function rowSegments(frames: readonly TimelineFrame[]): Segment[] {
  // one entry per frame (the last one given wins), in frame order
  const byFrame = new Map<number, TimelineFrame>();
  for (const f of frames) byFrame.set(f[0], f);
  const sorted = [...byFrame.values()].sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let cur: Segment | null = null;
  for (const [frame, source, area] of sorted) {
    const kind: SegmentKind = area > 0 ? source : "lost";
    if (cur && cur.kind === kind && frame === cur.end + 1) {
      cur.end = frame;
    } else {
      cur = { start: frame, end: frame, kind };
      out.push(cur);
    }
  }
  return out;
}

/** Replace (or add) one frame's entry in a row, keeping the row sorted. Area 0 marks it lost. */
export function upsertFrame(frames: readonly TimelineFrame[], entry: TimelineFrame): TimelineFrame[] {
  const out = frames.filter((f) => f[0] !== entry[0]);
  out.push(entry);
  out.sort((a, b) => a[0] - b[0]);
  return out;
}

export interface Scale {
  frameCount: number; // frames across `width` (the visible span when zoomed in)
  width: number; // pixels available for frames
  offset?: number; // left padding in pixels
  first?: number; // frame at the left edge (zoomed in), default 0
  total?: number; // frames of the video, default frameCount
}

export function frameToX(frame: number, s: Scale): number {
  const n = Math.max(1, s.frameCount);
  return (s.offset ?? 0) + ((frame - (s.first ?? 0)) / n) * s.width;
}

/** Frame under pixel x, clamped to [0, total - 1]. */
export function xToFrame(x: number, s: Scale): number {
  const n = Math.max(1, s.frameCount);
  const f = Math.floor((s.first ?? 0) + ((x - (s.offset ?? 0)) / s.width) * n);
  return Math.min(Math.max(1, Math.ceil(s.total ?? n)) - 1, Math.max(0, f));
}

/** Timeline zoom: frames shown across the width, between 20 frames (or the video) and all of them. */
export const MIN_VISIBLE_FRAMES = 20;

export interface TimeView {
  zoom: number; // 1 = the whole video
  first: number; // first visible frame
}

/**
 * Zoom by `factor` keeping frame `anchor` at the same place on screen; the view stays inside the
 * video. Zoom is clamped to [1, total / MIN_VISIBLE_FRAMES].
 */
export function zoomView(v: TimeView, factor: number, anchor: number, total: number): TimeView {
  const maxZoom = Math.max(1, total / MIN_VISIBLE_FRAMES);
  const zoom = Math.min(maxZoom, Math.max(1, v.zoom * factor));
  const oldSpan = total / v.zoom;
  const span = total / zoom;
  const t = oldSpan > 0 ? (anchor - v.first) / oldSpan : 0;
  return clampView({ zoom, first: anchor - t * span }, total);
}

export function clampView(v: TimeView, total: number): TimeView {
  const span = total / v.zoom;
  return { zoom: v.zoom, first: Math.min(Math.max(0, total - span), Math.max(0, v.first)) };
}

/** The view moved just enough (a page) so that `frame` is visible. */
export function followFrame(v: TimeView, frame: number, total: number): TimeView {
  const span = total / v.zoom;
  if (frame >= v.first && frame + 1 <= v.first + span) return v;
  return clampView({ zoom: v.zoom, first: frame < v.first ? frame - span * 0.1 : frame - span * 0.1 }, total);
}

/** Pixel span [x0, x1) covered by frames start..end inclusive, at least 1 px wide. */
export function segmentSpan(seg: Pick<Segment, "start" | "end">, s: Scale): [number, number] {
  const x0 = frameToX(seg.start, s);
  const x1 = frameToX(seg.end + 1, s);
  return [x0, Math.max(x1, x0 + 1)];
}

/** Rows intersecting the viewport: [first, last] inclusive, or null when there are none. */
export function visibleRows(scrollTop: number, viewHeight: number, rowHeight: number, rowCount: number): [number, number] | null {
  if (rowCount <= 0) return null;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight));
  const last = Math.min(rowCount - 1, Math.floor((scrollTop + viewHeight - 1) / rowHeight));
  return first > last ? null : [first, last];
}

/**
 * Frames a propagation will cover, inclusive: [lo, hi]. `maxFrames` counts the start frame and
 * applies per direction (SAM 2's max_frame_num_to_track), so 1 means the start frame alone.
 */
export function propagationRange(startFrame: number, direction: Direction, maxFrames: number, frameCount: number): [number, number] {
  const last = frameCount - 1;
  const n = Math.max(0, maxFrames - 1);
  const lo = direction === "forward" ? startFrame : Math.max(0, startFrame - n);
  const hi = direction === "backward" ? startFrame : Math.min(last, startFrame + n);
  return [lo, hi];
}

/**
 * The part of a propagation range already done, for the progress bar. Forward fills from the
 * start frame rightwards, backward leftwards, both outwards; `frame` (last frame reported by
 * the worker) wins over the fraction when it is given.
 */
export function progressSpans(
  range: [number, number],
  startFrame: number,
  direction: Direction,
  progress: number,
  frame?: number | null,
): Array<[number, number]> {
  const [lo, hi] = range;
  const p = Math.min(1, Math.max(0, progress));
  if (direction === "forward") {
    const end = frame != null && frame >= lo && frame <= hi ? frame : lo + Math.round(p * (hi - lo));
    return [[lo, end]];
  }
  if (direction === "backward") {
    const begin = frame != null && frame >= lo && frame <= hi ? frame : hi - Math.round(p * (hi - lo));
    return [[begin, hi]];
  }
  const left = startFrame - Math.round(p * (startFrame - lo));
  const right = startFrame + Math.round(p * (hi - startFrame));
  return [[left, right]];
}

export const SEGMENT_COLORS: Record<SegmentKind, string> = {
  prompt: "#ffd400",
  propagated: "", // the object's colour
  auto: "#8fb3ff",
  edited: "#ff8c42",
  imported: "#b58cff",
  lost: "#4a4f5c", // grey with a red line: distinct from any label colour
};

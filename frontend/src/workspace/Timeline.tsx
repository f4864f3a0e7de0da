import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import type { PresenceUser } from "../lib/realtime";
import { SEGMENT_COLORS, clampView, followFrame, progressSpans, segmentSpan, visibleRows, xToFrame, frameToX, zoomView, type Segment, type Scale, type TimeView } from "../lib/timeline";
import type { TrackedJob } from "./useJobs";

export interface TimelineRowView {
  id: number;
  name: string;
  color: string;
  /** rows of a group (e.g. "Proposals") are listed after the others under a collapsible header */
  group?: string;
}

/** What one line of the timeline shows: a masklet, or the header of a group of them. */
type Line = { kind: "row"; row: TimelineRowView } | { kind: "group"; name: string; count: number; collapsed: boolean };

/** Ungrouped rows first, then each group's header and (unless collapsed) its rows. */
export function timelineLines(rows: readonly TimelineRowView[], collapsed: ReadonlySet<string>): Line[] {
  const out: Line[] = rows.filter((r) => !r.group).map((row) => ({ kind: "row" as const, row }));
  const groups = new Map<string, TimelineRowView[]>();
  for (const r of rows) if (r.group) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  for (const [name, members] of groups) {
    const shut = collapsed.has(name);
    out.push({ kind: "group", name, count: members.length, collapsed: shut });
    if (!shut) for (const row of members) out.push({ kind: "row", row });
  }
  return out;
}

export interface RowData {
  segments: Segment[];
  prompts: number[];
}

/** The frame axis: the video's length, the current frame, the task's range and frames with open issues. */
export interface TimelineFrames {
  count: number;
  current: number;
  taskRange: [number, number] | null;
  issues: number[];
}

/** A QA flag's frames on a row (annotation/evaluation/qa.py): [first, last, kind]. */
export type FlagSpan = [start: number, end: number, kind: string];

/** One row per masklet, in display order, with what each row shows. */
export interface TimelineObjects {
  rows: TimelineRowView[];
  data: Map<number, RowData>;
  selected: number | null;
  /** automated QA flags per masklet, drawn as an orange band along the row's top */
  flags?: Map<number, FlagSpan[]>;
}

export const QA_FLAG_COLOR = "#ff9f1a";

/** Running jobs (progress bars) and where colleagues are. */
export interface TimelineActivity {
  jobs: TrackedJob[];
  presence: PresenceUser[];
  myId: number | null;
}

interface Props {
  frames: TimelineFrames;
  objects: TimelineObjects;
  activity: TimelineActivity;
  onSeek: (frame: number) => void;
  onSelect: (masklet: number) => void;
}

const LABEL_W = 150;
const HEADER_H = 34;
const ROW_H = 14;
/** A fixed height: rows scroll (wheel) instead of pushing the frame up. */
const HEIGHT = HEADER_H + 11 * ROW_H + 4;
const SCROLLBAR_W = 6;

/**
 * One row per masklet on a single canvas: which frames have a mask (coloured by source), which
 * hold prompts (white ticks), which are lost (red), plus the scrubber, job progress, colleagues'
 * positions and the task's range. Only visible rows are drawn, so 200 x 2000 stays cheap.
 */
export function Timeline(props: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(900);
  const [scrollTop, setScrollTop] = useState(0);
  const [view, setView] = useState<TimeView>({ zoom: 1, first: 0 });
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const dragging = useRef(false);
  const propsRef = useRef(props);
  propsRef.current = props;

  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(300, Math.floor(el.getBoundingClientRect().width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const total = Math.max(1, props.frames.count);
  const lines = timelineLines(props.objects.rows, collapsed);
  const maxScroll = Math.max(0, lines.length * ROW_H - (HEIGHT - HEADER_H));
  const top = Math.min(scrollTop, maxScroll);
  const scale: Scale = { frameCount: total / view.zoom, width: width - LABEL_W - 8 - SCROLLBAR_W, offset: LABEL_W, first: view.first, total };
  const viewRef = useRef(view);
  viewRef.current = view;

  // zoomed in, the view follows the current frame (playback, stepping, seeking)
  useEffect(() => {
    setView((v) => followFrame(v, props.frames.current, total));
  }, [props.frames.current, total]);

  const zoomBy = useCallback(
    (factor: number, anchor?: number) => setView((v) => zoomView(v, factor, anchor ?? propsRef.current.frames.current, total)),
    [total],
  );

  // keep the selected row in view
  useEffect(() => {
    const i = lines.findIndex((l) => l.kind === "row" && l.row.id === props.objects.selected);
    if (i < 0) return;
    const y = i * ROW_H;
    if (y < top) setScrollTop(y);
    else if (y + ROW_H > top + HEIGHT - HEADER_H) setScrollTop(y + ROW_H - (HEIGHT - HEADER_H));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.objects.selected]);

  useEffect(() => {
    const c = canvasRef.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = width * dpr;
    c.height = HEIGHT * dpr;
    const ctx = c.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw(ctx, props, lines, width, top, scale);
  });

  // wheel: scroll rows; Ctrl+wheel: zoom around the frame under the pointer; Shift+wheel: pan time
  const onWheel = useCallback(
    (e: WheelEvent) => {
      e.preventDefault();
      const r = (canvasRef.current as HTMLCanvasElement).getBoundingClientRect();
      if (e.ctrlKey || e.metaKey) {
        const x = e.clientX - r.left;
        const anchor = x >= LABEL_W ? xToFrame(x, scale) : propsRef.current.frames.current;
        zoomBy(Math.exp(-e.deltaY * 0.002), anchor);
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        const d = (e.deltaX || e.deltaY) / Math.max(1, scale.width);
        setView((v) => clampView({ zoom: v.zoom, first: v.first + d * (total / v.zoom) }, total));
      } else setScrollTop((s) => Math.max(0, Math.min(maxScroll, s + e.deltaY)));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [maxScroll, zoomBy, total, scale.width, view],
  );
  useEffect(() => {
    const c = canvasRef.current;
    if (!c) return;
    c.addEventListener("wheel", onWheel, { passive: false });
    return () => c.removeEventListener("wheel", onWheel);
  }, [onWheel]);

  const locate = (e: { clientX: number; clientY: number }) => {
    const r = (canvasRef.current as HTMLCanvasElement).getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const { x, y } = locate(e);
    const p = propsRef.current;
    if (y > HEADER_H) {
      const line = lines[Math.floor((y - HEADER_H + top) / ROW_H)];
      if (line?.kind === "group") {
        toggleGroup(line.name);
        return;
      }
      if (line) p.onSelect(line.row.id);
    }
    if (x >= LABEL_W) {
      (e.target as HTMLCanvasElement).setPointerCapture(e.pointerId);
      dragging.current = true;
      p.onSeek(xToFrame(x, scale));
    }
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (!dragging.current) return;
    propsRef.current.onSeek(xToFrame(locate(e).x, scale));
  };
  const onPointerUp = () => {
    dragging.current = false;
  };

  const toggleGroup = (name: string) =>
    setCollapsed((old) => {
      const next = new Set(old);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  const groups = lines.filter((l): l is Extract<Line, { kind: "group" }> => l.kind === "group");
  const lastVisible = Math.min(total - 1, Math.ceil(view.first + total / view.zoom) - 1);

  const segCount = props.objects.rows.reduce((n, r) => n + (props.objects.data.get(r.id)?.segments.length ?? 0), 0);
  const flagCount = props.objects.rows.reduce((n, r) => n + (props.objects.flags?.get(r.id)?.length ?? 0), 0);

  return (
    <div className="timeline" ref={wrapRef}>
      <div className="timeline-bar">
        <span>Zoom</span>
        <button onClick={() => zoomBy(1 / 1.5)} disabled={view.zoom <= 1} data-testid="timeline-zoom-out" title="Zoom out (Ctrl+wheel)">
          −
        </button>
        <button onClick={() => zoomBy(1.5)} disabled={view.zoom >= total / 20} data-testid="timeline-zoom-in" title="Zoom in (Ctrl+wheel)">
          +
        </button>
        <button onClick={() => setView({ zoom: 1, first: 0 })} disabled={view.zoom <= 1} data-testid="timeline-zoom-fit" title="Show the whole video">
          Fit
        </button>
        <span data-testid="timeline-range">
          frames {Math.floor(view.first)}–{lastVisible}
        </span>
        {groups.map((g) => (
          <button key={g.name} onClick={() => toggleGroup(g.name)} data-testid={`timeline-group-${g.name.toLowerCase()}`} aria-expanded={!g.collapsed}>
            {g.collapsed ? "▸" : "▾"} {g.name} ({g.count})
          </button>
        ))}
      </div>
      <canvas
        ref={canvasRef}
        data-testid="timeline"
        data-rows={props.objects.rows.length}
        data-lines={lines.length}
        data-scroll-top={top}
        data-zoom={view.zoom.toFixed(2)}
        data-first-frame={Math.floor(view.first)}
        data-last-frame={lastVisible}
        data-segments={segCount}
        data-flags={flagCount}
        data-frame={props.frames.current}
        style={{ width, height: HEIGHT }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
      />
      <div className="legend">
        {(["prompt", "propagated", "edited", "auto", "imported", "lost"] as const).map((k) => (
          <span key={k}>
            <i
              style={{
                background: k === "lost" ? `linear-gradient(${SEGMENT_COLORS.lost} 40%, #ff4d55 40%, #ff4d55 60%, ${SEGMENT_COLORS.lost} 60%)` : SEGMENT_COLORS[k] || "#7aa2f7",
              }}
            />{" "}
            {k === "propagated" ? "propagated (object colour)" : k === "lost" ? "lost (empty mask)" : k}
          </span>
        ))}
        <span>
          <i style={{ background: "#fff", width: 2 }} /> prompt frame
        </span>
        <span>
          <i style={{ background: QA_FLAG_COLOR, height: 3 }} /> QA flag
        </span>
      </div>
    </div>
  );
}

function draw(ctx: CanvasRenderingContext2D, p: Props, lines: Line[], width: number, top: number, scale: Scale) {
  ctx.fillStyle = "#1b1e24";
  ctx.fillRect(0, 0, width, HEIGHT);
  const x = (f: number) => frameToX(f, scale);
  const right = scale.offset! + scale.width;
  // frame-axis drawings stay right of the names column
  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_W, 0, right - LABEL_W, HEIGHT);
  ctx.clip();

  // task range
  if (p.frames.taskRange) {
    ctx.fillStyle = "rgba(122,162,247,0.10)";
    ctx.fillRect(x(p.frames.taskRange[0]), 0, x(p.frames.taskRange[1] + 1) - x(p.frames.taskRange[0]), HEIGHT);
  }

  // ruler
  ctx.fillStyle = "#9aa3b2";
  ctx.font = "10px system-ui, sans-serif";
  const step = niceStep(scale.frameCount, scale.width);
  const lastShown = Math.min(p.frames.count, (scale.first ?? 0) + scale.frameCount + 1);
  for (let f = Math.ceil((scale.first ?? 0) / step) * step; f < lastShown; f += step) {
    const xx = x(f);
    ctx.fillRect(xx, 0, 1, 6);
    ctx.fillText(String(f), xx + 2, 10);
  }

  // job progress bars, under the ruler
  let jy = 13;
  for (const j of p.activity.jobs) {
    const range: [number, number] = j.range ?? [0, p.frames.count - 1];
    ctx.fillStyle = "rgba(255,255,255,0.12)";
    ctx.fillRect(x(range[0]), jy, x(range[1] + 1) - x(range[0]), 5);
    ctx.fillStyle = j.status === "failed" ? "#e5484d" : j.status === "cancelled" ? "#9aa3b2" : "#2fd26b";
    for (const [a, b] of progressSpans(range, j.startFrame ?? range[0], j.direction ?? "forward", j.progress, j.frame)) {
      ctx.fillRect(x(a), jy, Math.max(1, x(b + 1) - x(a)), 5);
    }
    jy += 6;
    if (jy > HEADER_H - 8) break;
  }

  // issues and colleagues
  ctx.fillStyle = "#ff5c8a";
  for (const f of p.frames.issues) ctx.fillRect(x(f), HEADER_H - 8, 2, 8);
  for (const u of p.activity.presence) {
    if (u.frame == null || u.id === p.activity.myId) continue;
    const xx = x(u.frame);
    ctx.fillStyle = "#ffd400";
    ctx.beginPath();
    ctx.moveTo(xx, HEADER_H - 1);
    ctx.lineTo(xx - 4, HEADER_H - 9);
    ctx.lineTo(xx + 4, HEADER_H - 9);
    ctx.fill();
    ctx.fillText(u.username, xx + 5, HEADER_H - 2); // the full name: people share prefixes
  }

  ctx.restore();

  // rows
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, HEADER_H, width, HEIGHT - HEADER_H);
  ctx.clip();
  const vis = visibleRows(top, HEIGHT - HEADER_H, ROW_H, lines.length);
  if (vis) {
    for (let i = vis[0]; i <= vis[1]; i++) {
      const line = lines[i];
      const y = HEADER_H + i * ROW_H - top;
      if (line.kind === "group") {
        ctx.fillStyle = "#2a2f3a";
        ctx.fillRect(0, y, width, ROW_H);
        ctx.fillStyle = "#e6e9ef";
        ctx.fillText(`${line.collapsed ? "▸" : "▾"} ${line.name} (${line.count})`, 6, y + ROW_H - 3);
        continue;
      }
      const row = line.row;
      ctx.fillStyle = row.id === p.objects.selected ? "#2c3340" : i % 2 ? "#1f232a" : "#22262e";
      ctx.fillRect(0, y, width, ROW_H);
      ctx.fillStyle = row.color;
      ctx.fillRect(4, y + 3, 8, ROW_H - 6);
      ctx.fillStyle = row.id === p.objects.selected ? "#fff" : "#c8cdd6";
      ctx.fillText(row.name.slice(0, 20), 16, y + ROW_H - 3);
      const d = p.objects.data.get(row.id);
      if (!d) continue;
      ctx.save();
      ctx.beginPath();
      ctx.rect(LABEL_W, y, right - LABEL_W, ROW_H);
      ctx.clip();
      for (const s of d.segments) {
        const [x0, x1] = segmentSpan(s, scale);
        if (x1 < LABEL_W || x0 > right) continue;
        ctx.fillStyle = SEGMENT_COLORS[s.kind] || row.color;
        ctx.fillRect(x0, y + 2, x1 - x0, ROW_H - 4);
        if (s.kind === "lost") {
          ctx.fillStyle = "#ff4d55";
          ctx.fillRect(x0, y + ROW_H / 2 - 1, x1 - x0, 2);
        }
      }
      ctx.fillStyle = "#fff";
      for (const f of d.prompts) ctx.fillRect(x(f), y, Math.max(1.5, x(f + 1) - x(f)), ROW_H);
      ctx.restore();
    }
    for (let i = vis[0]; i <= vis[1]; i++) {
      // `i` indexes lines (group headers among the rows), not rows
      const line = lines[i];
      const spans = line.kind === "row" ? p.objects.flags?.get(line.row.id) : undefined;
      if (!spans) continue;
      const y = HEADER_H + i * ROW_H - top;
      ctx.fillStyle = QA_FLAG_COLOR;
      for (const [a, b] of spans) ctx.fillRect(x(a), y, Math.max(2, x(b + 1) - x(a)), 3);
    }
  } else {
    ctx.fillStyle = "#9aa3b2";
    ctx.fillText("No objects yet: click on the frame to start one.", LABEL_W, HEADER_H + 16);
  }
  // the rows' scrollbar, when they do not fit
  const content = lines.length * ROW_H;
  const viewH = HEIGHT - HEADER_H;
  if (content > viewH) {
    ctx.fillStyle = "#2a2f3a";
    ctx.fillRect(width - SCROLLBAR_W, HEADER_H, SCROLLBAR_W, viewH);
    ctx.fillStyle = "#6b7385";
    ctx.fillRect(width - SCROLLBAR_W, HEADER_H + (top / content) * viewH, SCROLLBAR_W, Math.max(12, (viewH / content) * viewH));
  }
  ctx.restore();

  // scrubber
  const sx = x(p.frames.current);
  const w = Math.max(2, x(p.frames.current + 1) - sx);
  ctx.fillStyle = "rgba(255,255,255,0.25)";
  ctx.fillRect(sx, 0, w, HEIGHT);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(sx + w / 2 - 0.5, 0, 1, HEIGHT);
  ctx.fillStyle = "#13151a";
  ctx.fillRect(right, 0, width - right - SCROLLBAR_W, HEIGHT);
}

function niceStep(frameCount: number, width: number): number {
  const target = Math.max(1, (frameCount / Math.max(1, width)) * 70);
  for (const s of [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000]) if (s >= target) return s;
  return 10000;
}

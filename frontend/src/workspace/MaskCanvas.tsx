import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import type { Point } from "../lib/brush";
import { normaliseBox } from "../lib/brush";
import type { ReviewIssue } from "../lib/types";

export type Tool = "positive" | "negative" | "box" | "brush" | "eraser" | "issue" | "pan";

interface View {
  scale: number; // screen px per video px
  tx: number;
  ty: number;
}

/** The frame shown: its image (null while none is loaded) and its size in original video pixels. */
export interface CanvasFrame {
  index: number;
  image: HTMLImageElement | null;
  loading: boolean;
  width: number;
  height: number;
}

/** Every visible mask of the frame, composed at the video's resolution (useMaskLayer). */
export interface CanvasLayer {
  canvas: HTMLCanvasElement;
  count: number;
  /** "masklet:version" of every mask drawn, for tests and debugging */
  versions?: string;
  /** bumped whenever the layer is redrawn (looks changed, masks changed) */
  stamp?: number;
  /** the masks of this frame are known (loaded), so the frame is shown complete */
  ready?: boolean;
}

export interface CanvasPen {
  tool: Tool;
  brushSize: number; // radius in original pixels
  color: string; // selected masklet colour
  spaceHeld: boolean;
}

/** What is drawn over the masks: my clicks on the selected object, review issues, a new issue. */
export interface CanvasMarks {
  clicks: Array<{ x: number; y: number; label: number }>;
  issues: ReviewIssue[];
  pendingIssue: [number, number] | null;
}

/** What the tools produce, in video pixels. */
export interface CanvasHandlers {
  onClick: (p: Point, label: 0 | 1) => void;
  onBox: (box: [number, number, number, number]) => void;
  onStroke: (points: Point[], value: 0 | 1) => void;
  onIssue: (p: Point) => void;
  /** screen pixels per video pixel, after zoom changes */
  onScale?: (scale: number) => void;
  /** a frame was drawn complete (its image and masks) */
  onDrawn?: (frame: number) => void;
}

interface Props {
  frame: CanvasFrame;
  layer: CanvasLayer;
  pen: CanvasPen;
  marks: CanvasMarks;
  /** bumped to fit the frame to the canvas */
  fitNonce: number;
  handlers: CanvasHandlers;
}

type Gesture =
  | { kind: "pan"; startX: number; startY: number; view: View }
  | { kind: "box"; a: Point; b: Point }
  | { kind: "stroke"; points: Point[]; value: 0 | 1 }
  | { kind: "click"; at: Point; sx: number; sy: number; label: 0 | 1 };

/** The frame with every masklet's mask, zoom (wheel) and pan (Space/middle drag), and the tools. */
export function MaskCanvas(props: Props) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ w: 800, h: 500 });
  const view = useRef<View>({ scale: 1, tx: 0, ty: 0 });
  const gesture = useRef<Gesture | null>(null);
  const cursor = useRef<Point | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const raf = useRef(0);
  const lastScale = useRef(0);
  const firstPaint = useRef(false);

  const draw = useCallback(() => {
    const c = canvasRef.current;
    if (!c) return;
    const ctx = c.getContext("2d");
    if (!ctx) return;
    const p = propsRef.current;
    const dpr = window.devicePixelRatio || 1;
    const v = view.current;
    // the view transform, for tests and tools that need video <-> screen coordinates
    c.dataset.view = `${v.scale},${v.tx},${v.ty}`;
    if (lastScale.current !== v.scale) {
      lastScale.current = v.scale;
      p.handlers.onScale?.(v.scale);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#15171c";
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.setTransform(dpr * v.scale, 0, 0, dpr * v.scale, dpr * v.tx, dpr * v.ty);
    ctx.imageSmoothingEnabled = v.scale < 2;
    if (p.frame.image) ctx.drawImage(p.frame.image, 0, 0, p.frame.width, p.frame.height);
    else {
      ctx.fillStyle = "#000";
      ctx.fillRect(0, 0, p.frame.width, p.frame.height);
    }
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(p.layer.canvas, 0, 0);
    const px = 1 / v.scale; // one screen pixel in video pixels
    // what is on screen now, once drawn: tests wait for it before reading pixels
    const complete = !!p.frame.image && !p.frame.loading;
    c.dataset.drawnFrame = complete ? String(p.frame.index) : "";
    c.dataset.drawnMasks = complete ? p.layer.versions ?? "" : "";
    if (complete) p.handlers.onDrawn?.(p.frame.index);
    if (complete && p.layer.ready && !firstPaint.current) {
      // the workspace's first complete paint: the frame with its masks (read by the scale test)
      firstPaint.current = true;
      performance.mark("masklet:first-paint");
    }

    // clicks of the selected masklet on this frame
    for (const k of p.marks.clicks) {
      ctx.beginPath();
      ctx.arc(k.x, k.y, 5 * px, 0, Math.PI * 2);
      ctx.fillStyle = k.label ? "#2fd26b" : "#e5484d";
      ctx.fill();
      ctx.lineWidth = 1.5 * px;
      ctx.strokeStyle = "#fff";
      ctx.stroke();
    }
    // review issues on this frame
    const issues = p.marks.pendingIssue ? [...p.marks.issues, { id: -1, position: p.marks.pendingIssue, resolved: false } as ReviewIssue] : p.marks.issues;
    for (const is of issues) {
      if (!is.position) continue;
      const [x, y] = is.position;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x - 7 * px, y - 16 * px);
      ctx.lineTo(x + 7 * px, y - 16 * px);
      ctx.closePath();
      ctx.fillStyle = is.resolved ? "#6b7280" : is.id === -1 ? "#ffd400" : "#ff5c8a";
      ctx.fill();
      ctx.lineWidth = px;
      ctx.strokeStyle = "#000";
      ctx.stroke();
    }
    const g = gesture.current;
    if (g?.kind === "box") {
      const [x0, y0, x1, y1] = normaliseBox(g.a, g.b, p.frame.width, p.frame.height);
      ctx.setLineDash([6 * px, 4 * px]);
      ctx.lineWidth = 2 * px;
      ctx.strokeStyle = p.pen.color;
      ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
      ctx.setLineDash([]);
    }
    if (g?.kind === "stroke" && g.points.length > 0) {
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      ctx.lineWidth = p.pen.brushSize * 2;
      ctx.strokeStyle = g.value ? hexAlpha(p.pen.color, 0.6) : "rgba(20,20,20,0.6)";
      ctx.beginPath();
      ctx.moveTo(g.points[0].x, g.points[0].y);
      for (const q of g.points) ctx.lineTo(q.x, q.y);
      if (g.points.length === 1) ctx.lineTo(g.points[0].x + 0.01, g.points[0].y);
      ctx.stroke();
    }
    const cur = cursor.current;
    if (cur && (p.pen.tool === "brush" || p.pen.tool === "eraser")) {
      ctx.beginPath();
      ctx.arc(cur.x, cur.y, p.pen.brushSize, 0, Math.PI * 2);
      ctx.lineWidth = 1.5 * px;
      ctx.strokeStyle = p.pen.tool === "brush" ? p.pen.color : "#fff";
      ctx.stroke();
    }
  }, []);

  const schedule = useCallback(() => {
    cancelAnimationFrame(raf.current);
    raf.current = requestAnimationFrame(draw);
  }, [draw]);

  const fit = useCallback(() => {
    const p = propsRef.current;
    const s = Math.min(size.w / p.frame.width, size.h / p.frame.height) * 0.98;
    view.current = { scale: s, tx: (size.w - p.frame.width * s) / 2, ty: (size.h - p.frame.height * s) / 2 };
    schedule();
  }, [size, schedule]);

  // size the canvas to its box (device pixels)
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      setSize({ w: Math.max(50, Math.floor(r.width)), h: Math.max(50, Math.floor(r.height)) });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const c = canvasRef.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = size.w * dpr;
    c.height = size.h * dpr;
    fit();
  }, [size, fit, props.fitNonce, props.frame.width, props.frame.height]);

  // what is shown changed: draw now, in the same commit (playback waits for each frame's paint)
  useLayoutEffect(() => {
    cancelAnimationFrame(raf.current);
    draw();
  }, [draw, props.frame.image, props.layer.canvas, props.layer.count, props.layer.stamp, props.layer.ready, props.frame.loading, props.frame.index, props.marks.clicks, props.marks.issues, props.marks.pendingIssue, props.pen.tool, props.pen.brushSize, props.pen.color]);

  const toVideo = (e: { clientX: number; clientY: number }): Point => {
    const r = (canvasRef.current as HTMLCanvasElement).getBoundingClientRect();
    const v = view.current;
    return { x: (e.clientX - r.left - v.tx) / v.scale, y: (e.clientY - r.top - v.ty) / v.scale };
  };

  const onWheel = useCallback(
    (e: WheelEvent) => {
      e.preventDefault();
      const r = (canvasRef.current as HTMLCanvasElement).getBoundingClientRect();
      const sx = e.clientX - r.left;
      const sy = e.clientY - r.top;
      const v = view.current;
      const factor = Math.exp(-e.deltaY * 0.0015);
      const scale = Math.min(40, Math.max(0.05, v.scale * factor));
      // keep the video point under the cursor fixed
      const wx = (sx - v.tx) / v.scale;
      const wy = (sy - v.ty) / v.scale;
      view.current = { scale, tx: sx - wx * scale, ty: sy - wy * scale };
      schedule();
    },
    [schedule],
  );
  useEffect(() => {
    const c = canvasRef.current;
    if (!c) return;
    c.addEventListener("wheel", onWheel, { passive: false });
    return () => c.removeEventListener("wheel", onWheel);
  }, [onWheel]);

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const p = propsRef.current;
    (e.target as HTMLCanvasElement).setPointerCapture(e.pointerId);
    const at = toVideo(e);
    if (e.button === 1 || p.pen.spaceHeld || p.pen.tool === "pan") {
      e.preventDefault();
      gesture.current = { kind: "pan", startX: e.clientX, startY: e.clientY, view: { ...view.current } };
      return;
    }
    if (e.button !== 0) return;
    if (p.pen.tool === "box") gesture.current = { kind: "box", a: at, b: at };
    else if (p.pen.tool === "brush" || p.pen.tool === "eraser") gesture.current = { kind: "stroke", points: [at], value: p.pen.tool === "brush" ? 1 : 0 };
    else {
      const negative = p.pen.tool === "negative" || e.shiftKey || e.altKey;
      gesture.current = { kind: "click", at, sx: e.clientX, sy: e.clientY, label: negative ? 0 : 1 };
    }
    schedule();
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const at = toVideo(e);
    cursor.current = at;
    const g = gesture.current;
    if (g?.kind === "pan") {
      view.current = { ...g.view, tx: g.view.tx + e.clientX - g.startX, ty: g.view.ty + e.clientY - g.startY };
    } else if (g?.kind === "box") g.b = at;
    else if (g?.kind === "stroke") g.points.push(at);
    schedule();
  };

  const onPointerUp = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    gesture.current = null;
    const p = propsRef.current;
    const inside = (q: Point) => q.x >= 0 && q.y >= 0 && q.x < p.frame.width && q.y < p.frame.height;
    if (!g) return;
    if (g.kind === "box") {
      const box = normaliseBox(g.a, toVideo(e), p.frame.width, p.frame.height);
      if (box[2] - box[0] >= 3 && box[3] - box[1] >= 3) p.handlers.onBox(box);
    } else if (g.kind === "stroke") {
      p.handlers.onStroke(g.points, g.value);
    } else if (g.kind === "click") {
      const moved = Math.hypot(e.clientX - g.sx, e.clientY - g.sy) > 5;
      if (!moved && inside(g.at)) {
        const pt = { x: Math.round(g.at.x), y: Math.round(g.at.y) };
        if (p.pen.tool === "issue") p.handlers.onIssue(pt);
        else p.handlers.onClick(pt, g.label);
      }
    }
    schedule();
  };

  const cursorStyle = props.pen.spaceHeld || props.pen.tool === "pan" ? "grab" : props.pen.tool === "brush" || props.pen.tool === "eraser" ? "none" : "crosshair";

  return (
    <div className="canvas-wrap" ref={wrapRef}>
      <canvas
        ref={canvasRef}
        data-testid="canvas"
        data-frame={props.frame.index}
        data-masks={props.layer.count}
        data-loaded={props.frame.image && !props.frame.loading ? "1" : "0"}
        style={{ width: size.w, height: size.h, cursor: cursorStyle }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => {
          cursor.current = null;
          schedule();
        }}
        onContextMenu={(e) => e.preventDefault()}
        onAuxClick={(e) => e.preventDefault()}
      />
      {props.frame.loading ? <div className="canvas-note">loading frame…</div> : null}
    </div>
  );
}

function hexAlpha(hex: string, a: number): string {
  const n = parseInt(hex.replace("#", "").slice(0, 6), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
}

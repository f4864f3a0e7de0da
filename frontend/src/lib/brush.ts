/**
 * Brush and eraser rasterisation onto a row-major bitmap (see rle.ts).
 * Coordinates are continuous ORIGINAL-video pixels; pixel (x, y) covers [x, x+1) x [y, y+1)
 * and is painted when its centre lies within `radius` of the stroke.
 */
import type { Bitmap } from "./rle";

export interface Point {
  x: number;
  y: number;
}

/** Paint a capsule (a disk swept from a to b); value 1 = brush, 0 = eraser. Returns pixels changed. */
export function paintSegment(mask: Bitmap, a: Point, b: Point, radius: number, value: 0 | 1): number {
  const { width, height, data } = mask;
  const r = Math.max(0.5, radius);
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - r));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + r));
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - r));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + r));
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const r2 = r * r;
  let changed = 0;
  for (let y = y0; y <= y1; y++) {
    const cy = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const cx = x + 0.5;
      let t = len2 > 0 ? ((cx - a.x) * dx + (cy - a.y) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const px = a.x + t * dx - cx;
      const py = a.y + t * dy - cy;
      if (px * px + py * py <= r2) {
        const i = y * width + x;
        if (data[i] !== value) {
          data[i] = value;
          changed++;
        }
      }
    }
  }
  return changed;
}

export function paintDisk(mask: Bitmap, c: Point, radius: number, value: 0 | 1): number {
  return paintSegment(mask, c, c, radius, value);
}

/** Paint a polyline stroke (consecutive pointer positions). */
export function paintStroke(mask: Bitmap, points: readonly Point[], radius: number, value: 0 | 1): number {
  if (points.length === 0) return 0;
  if (points.length === 1) return paintDisk(mask, points[0], radius, value);
  let changed = 0;
  for (let i = 1; i < points.length; i++) changed += paintSegment(mask, points[i - 1], points[i], radius, value);
  return changed;
}

/** Normalise a dragged box to [x0, y0, x1, y1] with x0 <= x1, clamped to the image. */
export function normaliseBox(a: Point, b: Point, width: number, height: number): [number, number, number, number] {
  const clampX = (v: number) => Math.min(width, Math.max(0, v));
  const clampY = (v: number) => Math.min(height, Math.max(0, v));
  return [
    Math.round(clampX(Math.min(a.x, b.x))),
    Math.round(clampY(Math.min(a.y, b.y))),
    Math.round(clampX(Math.max(a.x, b.x))),
    Math.round(clampY(Math.max(a.y, b.y))),
  ];
}

/**
 * Draw every visible masklet of a frame into ONE RGBA buffer at the video's original
 * resolution; the canvas then scales that single image (cheap) instead of 200 layers.
 */
import type { Crop } from "./rle";

export type Rgb = [number, number, number];

export interface Layer {
  crop: Crop; // the mask inside its bounding box
  rgb: Rgb;
  alpha: number; // 0..255 fill opacity
  outline?: boolean; // draw the border opaque (selected masklet)
  outlineOnly?: boolean; // draw the border alone (outline mode), no fill
}

export function hexToRgb(hex: string): Rgb {
  const m = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!m) return [0, 200, 255];
  let h = m[1];
  if (h.length === 3) h = h.split("").map((c) => c + c).join("");
  const n = parseInt(h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Colours of object instances: 20 well-separated colours (Kelly's list without black, white and
 * greys, led by a blue) for masklets #1..#20, then golden-angle hues. Two objects of one label differ in colour.
 */
export const INSTANCE_PALETTE = [
  "#1e90ff", "#f38400", "#8db600", "#be0032", "#a1caf1", "#875692", "#f3c300", "#008856", "#e68fac", "#0067a5",
  "#f99379", "#604e97", "#f6a600", "#b3446c", "#dcd300", "#882d17", "#c2b280", "#654522", "#e25822", "#2b3d26",
];

/** The colour of masklet number `n` (1-based): stable for the masklet's life, whatever its label. */
export function instanceColor(n: number): string {
  return n >= 1 && n <= INSTANCE_PALETTE.length ? INSTANCE_PALETTE[n - 1] : fallbackColor(n);
}

/** A stable distinct colour for masklets without a label (golden-angle hue steps). */
export function fallbackColor(n: number): string {
  const hue = (n * 137.508) % 360;
  const s = 0.75;
  const l = 0.55;
  const f = (k: number) => {
    const kk = (k + hue / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(kk - 3, 9 - kk, 1))));
  };
  return "#" + [f(0), f(8), f(4)].map((v) => v.toString(16).padStart(2, "0")).join("");
}

/** Paint layers (later ones on top) into `out` (RGBA, width*height*4), which is cleared first. */
export function composeLayers(out: Uint8ClampedArray, width: number, height: number, layers: readonly Layer[]): void {
  out.fill(0);
  for (const layer of layers) {
    const { crop, rgb, alpha } = layer;
    const { x: bx, y: by, width: cw, height: ch, data } = crop;
    if (cw <= 0 || ch <= 0) continue;
    const x1 = Math.min(width, bx + cw);
    const y1 = Math.min(height, by + ch);
    for (let y = Math.max(0, by); y < y1; y++) {
      const crow = (y - by) * cw;
      for (let x = Math.max(0, bx); x < x1; x++) {
        const cx = x - bx;
        const ci = crow + cx;
        if (!data[ci]) continue;
        let a = alpha;
        if (layer.outline || layer.outlineOnly) {
          // a pixel on the crop's border has outside neighbours, which are background
          const edge =
            cx === 0 || y === by || cx === cw - 1 || y === by + ch - 1 ||
            !data[ci - 1] || !data[ci + 1] || !data[ci - cw] || !data[ci + cw];
          if (edge) a = 255;
          else if (layer.outlineOnly) continue;
        }
        if (a === 0) continue;
        const o = (y * width + x) * 4;
        out[o] = rgb[0];
        out[o + 1] = rgb[1];
        out[o + 2] = rgb[2];
        out[o + 3] = a;
      }
    }
  }
}

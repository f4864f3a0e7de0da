/**
 * COCO compressed RLE in TypeScript, byte-compatible with pycocotools (maskApi.c).
 *
 * Masks travel as {"size": [H, W], "counts": "..."}: run lengths over the pixels in
 * column-major order (x outer, y inner), starting with a run of zeros, each count written
 * as the difference to the count two places back (from the third on) in a LEB128-like
 * 6-bit-per-character string offset by 48 ('0').
 *
 * Inside the app a mask is a Bitmap: row-major Uint8Array of 0/1 at the video's ORIGINAL
 * resolution (width x height pixels), because canvases and brushes think in rows.
 */

export interface Rle {
  size: [number, number]; // [height, width]
  counts: string;
}

export interface Bitmap {
  width: number;
  height: number;
  /** row-major, index y * width + x, values 0 or 1 */
  data: Uint8Array;
}

/** COCO bbox [x, y, w, h] in pixels; [0, 0, 0, 0] for an empty mask. */
export type BBox = [number, number, number, number];

/** Decode the pycocotools string (rleFrString) into run lengths. */
export function countsFromString(s: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= s.length) throw new Error("truncated RLE string");
      const c = s.charCodeAt(p) - 48;
      if (c < 0 || c > 63) throw new Error(`invalid RLE character at ${p}`);
      // Arithmetic instead of bit shifts: JS shifts are 32-bit and wrap at 5*k >= 32.
      x += (c & 0x1f) * 2 ** (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && (c & 0x10) !== 0) x -= 2 ** (5 * k);
    }
    const m = counts.length;
    if (m > 2) x += counts[m - 2];
    counts.push(x);
  }
  return counts;
}

/** Encode run lengths as the pycocotools string (rleToString). */
export function countsToString(counts: readonly number[]): string {
  let out = "";
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i];
    if (i > 2) x -= counts[i - 2];
    let more = true;
    while (more) {
      let c = ((x % 32) + 32) % 32; // x & 0x1f for negative x too
      x = Math.floor(x / 32); // arithmetic shift right by 5
      more = (c & 0x10) !== 0 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      out += String.fromCharCode(c + 48);
    }
  }
  return out;
}

export function emptyBitmap(width: number, height: number): Bitmap {
  return { width, height, data: new Uint8Array(width * height) };
}

export function cloneBitmap(b: Bitmap): Bitmap {
  return { width: b.width, height: b.height, data: b.data.slice() };
}

/** Decode a COCO compressed RLE into a row-major bitmap. */
export function decodeRle(rle: Rle): Bitmap {
  const [height, width] = rle.size;
  const bitmap = emptyBitmap(width, height);
  const counts = countsFromString(rle.counts);
  const total = width * height;
  const data = bitmap.data;
  let pos = 0;
  for (let i = 0; i < counts.length; i++) {
    const end = Math.min(pos + counts[i], total);
    if (i % 2 === 1) {
      // column-major position p -> (x = p / H, y = p % H)
      let x = Math.floor(pos / height);
      let y = pos - x * height;
      for (let p = pos; p < end; p++) {
        data[y * width + x] = 1;
        y++;
        if (y === height) {
          y = 0;
          x++;
        }
      }
    }
    pos = end;
  }
  return bitmap;
}

/**
 * A mask decoded only inside its bounding box: row-major `data` of `width` x `height` pixels
 * whose top-left pixel is (x, y) of the full frame. Most objects cover a small part of the
 * frame, so 200 of them cost far less memory than 200 full-frame bitmaps.
 */
export interface Crop {
  x: number;
  y: number;
  width: number;
  height: number;
  data: Uint8Array;
}

export function decodeRleCrop(rle: Rle): Crop {
  const [H] = rle.size;
  const [x, y, width, height] = rleBBox(rle);
  const data = new Uint8Array(width * height);
  if (width === 0) return { x, y, width, height, data };
  const counts = countsFromString(rle.counts);
  let pos = 0;
  for (let i = 0; i < counts.length; i++) {
    const end = pos + counts[i];
    if (i % 2 === 1) {
      let cx = Math.floor(pos / H);
      let cy = pos - cx * H;
      for (let p = pos; p < end; p++) {
        data[(cy - y) * width + (cx - x)] = 1;
        cy++;
        if (cy === H) {
          cy = 0;
          cx++;
        }
      }
    }
    pos = end;
  }
  return { x, y, width, height, data };
}

/** Pixel (x, y) of the full frame from a crop (0 outside it). */
export function cropAt(c: Crop, x: number, y: number): number {
  const cx = x - c.x;
  const cy = y - c.y;
  if (cx < 0 || cy < 0 || cx >= c.width || cy >= c.height) return 0;
  return c.data[cy * c.width + cx];
}

/** Run lengths (column-major, starting with zeros) of a row-major bitmap. */
export function bitmapToCounts(b: Bitmap): number[] {
  const { width, height, data } = b;
  const counts: number[] = [];
  let current = 0;
  let run = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const v = data[y * width + x] ? 1 : 0;
      if (v !== current) {
        counts.push(run);
        run = 0;
        current = v;
      }
      run++;
    }
  }
  counts.push(run);
  return counts;
}

export function encodeRle(b: Bitmap): Rle {
  return { size: [b.height, b.width], counts: countsToString(bitmapToCounts(b)) };
}

/** An all-zero mask of the given size, as RLE. */
export function emptyRle(width: number, height: number): Rle {
  return { size: [height, width], counts: countsToString([width * height]) };
}

/** Number of foreground pixels, straight from the runs (no decode). */
export function rleArea(rle: Rle): number {
  const counts = countsFromString(rle.counts);
  let area = 0;
  for (let i = 1; i < counts.length; i += 2) area += counts[i];
  return area;
}

export function bitmapArea(b: Bitmap): number {
  let area = 0;
  const d = b.data;
  for (let i = 0; i < d.length; i++) area += d[i];
  return area;
}

/** Tight COCO bbox [x, y, w, h] of the foreground. */
export function bitmapBBox(b: Bitmap): BBox {
  const { width, height, data } = b;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return [0, 0, 0, 0];
  return [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
}

/** Tight bbox from the runs alone, as pycocotools rleToBbox computes it. */
export function rleBBox(rle: Rle): BBox {
  const [h] = rle.size;
  const counts = countsFromString(rle.counts);
  let xs = Infinity;
  let ys = Infinity;
  let xe = -Infinity;
  let ye = -Infinity;
  let pos = 0;
  for (let i = 0; i < counts.length; i++) {
    const start = pos;
    pos += counts[i];
    if (i % 2 === 0 || counts[i] === 0) continue;
    const end = pos - 1;
    const xa = Math.floor(start / h);
    const xb = Math.floor(end / h);
    xs = Math.min(xs, xa);
    xe = Math.max(xe, xb);
    if (xa === xb) {
      ys = Math.min(ys, start % h);
      ye = Math.max(ye, end % h);
    } else {
      // the run wraps over a column boundary, so it covers the full height somewhere
      ys = 0;
      ye = h - 1;
    }
  }
  if (xe < 0) return [0, 0, 0, 0];
  return [xs, ys, xe - xs + 1, ye - ys + 1];
}

export function rleEquals(a: Rle | null | undefined, b: Rle | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.size[0] === b.size[0] && a.size[1] === b.size[1] && a.counts === b.counts;
}

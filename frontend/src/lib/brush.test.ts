import { describe, expect, it } from "vitest";
import { normaliseBox, paintDisk, paintSegment, paintStroke } from "./brush";
import { bitmapArea, bitmapBBox, decodeRle, emptyBitmap, encodeRle } from "./rle";

describe("brush and eraser", () => {
  it("paints a disk of pixel centres within the radius", () => {
    const m = emptyBitmap(10, 10);
    const changed = paintDisk(m, { x: 5, y: 5 }, 1, 1);
    // centres (4.5|5.5, 4.5|5.5) are at distance sqrt(0.5) <= 1: a 2x2 block
    expect(changed).toBe(4);
    expect(bitmapBBox(m)).toEqual([4, 4, 2, 2]);
  });

  it("approximates the disk area for larger radii", () => {
    const m = emptyBitmap(100, 100);
    paintDisk(m, { x: 50, y: 50 }, 20, 1);
    const area = bitmapArea(m);
    expect(Math.abs(area - Math.PI * 400) / (Math.PI * 400)).toBeLessThan(0.03);
  });

  it("sweeps a capsule along a segment", () => {
    const m = emptyBitmap(50, 20);
    paintSegment(m, { x: 10, y: 10 }, { x: 40, y: 10 }, 2, 1);
    expect(bitmapBBox(m)).toEqual([8, 8, 34, 4]);
  });

  it("erases with value 0 and counts only real changes", () => {
    const m = emptyBitmap(20, 20);
    paintDisk(m, { x: 10, y: 10 }, 5, 1);
    const before = bitmapArea(m);
    const erased = paintDisk(m, { x: 10, y: 10 }, 2, 0);
    expect(erased).toBeGreaterThan(0);
    expect(bitmapArea(m)).toBe(before - erased);
    expect(paintDisk(m, { x: 10, y: 10 }, 2, 0)).toBe(0);
  });

  it("clips at the image border", () => {
    const m = emptyBitmap(8, 8);
    paintDisk(m, { x: 0, y: 0 }, 3, 1);
    expect(bitmapBBox(m)[0]).toBe(0);
    expect(bitmapBBox(m)[1]).toBe(0);
    paintStroke(m, [{ x: -10, y: -10 }, { x: 20, y: 20 }], 1, 1);
    expect(bitmapArea(m)).toBeGreaterThan(8);
  });

  it("survives an RLE round trip after painting", () => {
    const m = emptyBitmap(33, 17);
    paintStroke(m, [{ x: 3, y: 3 }, { x: 20, y: 12 }, { x: 30, y: 2 }], 2.5, 1);
    expect(decodeRle(encodeRle(m)).data).toEqual(m.data);
  });

  it("normalises boxes", () => {
    expect(normaliseBox({ x: 30, y: 40 }, { x: 10.4, y: -5 }, 100, 100)).toEqual([10, 0, 30, 40]);
  });
});

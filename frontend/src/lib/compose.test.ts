import { describe, expect, it } from "vitest";
import { composeLayers, fallbackColor, hexToRgb } from "./compose";
import { decodeRleCrop, emptyBitmap, encodeRle } from "./rle";
import { paintDisk } from "./brush";

describe("compose", () => {
  it("parses colours", () => {
    expect(hexToRgb("#ff8000")).toEqual([255, 128, 0]);
    expect(hexToRgb("#0f0")).toEqual([0, 255, 0]);
    expect(hexToRgb("bogus")).toEqual([0, 200, 255]);
    expect(fallbackColor(3)).toMatch(/^#[0-9a-f]{6}$/);
    expect(fallbackColor(3)).not.toBe(fallbackColor(4));
  });

  it("paints masks in their colours, later layers on top, outline opaque", () => {
    const w = 10;
    const h = 8;
    const a = emptyBitmap(w, h);
    const b = emptyBitmap(w, h);
    paintDisk(a, { x: 3, y: 4 }, 2.5, 1);
    paintDisk(b, { x: 5, y: 4 }, 1, 1);
    const out = new Uint8ClampedArray(w * h * 4);
    composeLayers(out, w, h, [
      { crop: decodeRleCrop(encodeRle(a)), rgb: [255, 0, 0], alpha: 100 },
      { crop: decodeRleCrop(encodeRle(b)), rgb: [0, 0, 255], alpha: 100, outline: true },
    ]);
    const px = (x: number, y: number) => Array.from(out.slice((y * w + x) * 4, (y * w + x) * 4 + 4));
    expect(px(2, 4)).toEqual([255, 0, 0, 100]);
    expect(px(4, 4)).toEqual([0, 0, 255, 255]);
    expect(px(9, 0)).toEqual([0, 0, 0, 0]);
  });

  it("skips empty layers and clips crops to the frame", () => {
    const out = new Uint8ClampedArray(4 * 4 * 4).fill(7);
    composeLayers(out, 4, 4, [{ crop: decodeRleCrop(encodeRle(emptyBitmap(4, 4))), rgb: [1, 1, 1], alpha: 1 }]);
    expect(out.every((v) => v === 0)).toBe(true);
    composeLayers(out, 4, 4, [{ crop: { x: 3, y: 3, width: 2, height: 2, data: new Uint8Array([1, 1, 1, 1]) }, rgb: [9, 9, 9], alpha: 5 }]);
    expect(Array.from(out.slice((3 * 4 + 3) * 4, (3 * 4 + 3) * 4 + 4))).toEqual([9, 9, 9, 5]);
    out.fill(0);
    expect(out.every((v) => v === 0)).toBe(true);
  });
});

describe("outline mode", () => {
  it("draws only the border of a mask", () => {
    const m = new Uint8Array(5 * 5);
    for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) m[y * 5 + x] = 1;
    const out = new Uint8ClampedArray(5 * 5 * 4);
    composeLayers(out, 5, 5, [{ crop: { x: 0, y: 0, width: 5, height: 5, data: m }, rgb: [255, 0, 0], alpha: 100, outlineOnly: true }]);
    expect(out[(0 * 5 + 2) * 4 + 3]).toBe(255); // border pixel: opaque
    expect(out[(2 * 5 + 2) * 4 + 3]).toBe(0); // inside: not drawn
  });
});

import { describe, expect, it } from "vitest";
import {
  bitmapArea,
  bitmapBBox,
  bitmapToCounts,
  countsFromString,
  countsToString,
  cropAt,
  decodeRle,
  decodeRleCrop,
  emptyRle,
  encodeRle,
  rleArea,
  rleBBox,
  type Bitmap,
} from "./rle";

function fromRows(rows: number[][]): Bitmap {
  const height = rows.length;
  const width = rows[0].length;
  const data = new Uint8Array(width * height);
  rows.forEach((row, y) => row.forEach((v, x) => (data[y * width + x] = v)));
  return { width, height, data };
}

function toRows(b: Bitmap): number[][] {
  const rows: number[][] = [];
  for (let y = 0; y < b.height; y++) rows.push(Array.from(b.data.subarray(y * b.width, (y + 1) * b.width)));
  return rows;
}

// Expected strings come from pycocotools 2.0 (mask.encode on Fortran-ordered uint8 arrays).
const SMALL = [
  [0, 0, 0, 0, 0],
  [0, 1, 1, 1, 0],
  [0, 1, 1, 1, 0],
  [0, 0, 0, 0, 0],
];
const RANDOM = [
  [1, 0, 0, 0, 1, 1],
  [1, 1, 1, 1, 1, 0],
  [1, 0, 1, 0, 1, 1],
  [0, 0, 0, 0, 1, 1],
  [1, 0, 1, 1, 1, 1],
  [1, 0, 0, 1, 1, 0],
  [0, 1, 1, 0, 1, 0],
];
const BIG_COUNTS =
  "n?`2d" +
  "0".repeat(89) +
  "^N" +
  "0".repeat(39) +
  "b1" +
  "0".repeat(108) +
  "Z?";

describe("COCO RLE strings (pycocotools compatible)", () => {
  it("encodes known masks exactly as pycocotools does", () => {
    expect(encodeRle(fromRows(SMALL))).toEqual({ size: [4, 5], counts: "5220003" });
    expect(encodeRle(fromRows([[1, 1, 1], [1, 1, 1], [1, 1, 1]]))).toEqual({ size: [3, 3], counts: "09" });
    expect(encodeRle(fromRows([[0, 0, 0], [0, 0, 0]]))).toEqual({ size: [2, 3], counts: "6" });
    expect(encodeRle(fromRows(RANDOM))).toEqual({ size: [7, 6], counts: "031O1O20M10O000011O60K1" });
  });

  it("decodes known strings back to the same pixels", () => {
    expect(toRows(decodeRle({ size: [4, 5], counts: "5220003" }))).toEqual(SMALL);
    expect(toRows(decodeRle({ size: [7, 6], counts: "031O1O20M10O000011O60K1" }))).toEqual(RANDOM);
    expect(bitmapArea(decodeRle({ size: [2, 3], counts: "6" }))).toBe(0);
  });

  it("handles a larger mask with a hole (multi-character and negative deltas)", () => {
    const w = 120;
    const h = 100;
    const b: Bitmap = { width: w, height: h, data: new Uint8Array(w * h) };
    for (let y = 10; y < 90; y++) for (let x = 5; x < 115; x++) b.data[y * w + x] = 1;
    for (let y = 40; y < 60; y++) for (let x = 50; x < 60; x++) b.data[y * w + x] = 0;
    const rle = encodeRle(b);
    expect(rle.counts).toBe(BIG_COUNTS);
    expect(decodeRle(rle).data).toEqual(b.data);
    expect(rleArea(rle)).toBe(8600);
    expect(rleBBox(rle)).toEqual([5, 10, 110, 80]);
    expect(bitmapBBox(b)).toEqual([5, 10, 110, 80]);
  });

  it("round-trips counts including large values", () => {
    const counts = [0, 5, 3, 1_000_000, 17, 40_000_000, 2, 123_456_789, 0, 1];
    expect(countsFromString(countsToString(counts))).toEqual(counts);
  });

  it("starts with a zero-length background run when pixel 0 is set", () => {
    expect(bitmapToCounts(fromRows([[1, 0], [1, 0]]))).toEqual([0, 2, 2]);
  });

  it("rejects malformed strings", () => {
    expect(() => countsFromString("\u0001")).toThrow();
    expect(() => countsFromString("o")).toThrow(/truncated/);
  });

  it("computes area and bbox from runs and from bitmaps alike", () => {
    const b = fromRows(RANDOM);
    const rle = encodeRle(b);
    expect(rleArea(rle)).toBe(25);
    expect(bitmapArea(b)).toBe(25);
    expect(rleBBox(rle)).toEqual([0, 0, 6, 7]);
    expect(bitmapBBox(fromRows(SMALL))).toEqual([1, 1, 3, 2]);
    expect(rleBBox(encodeRle(fromRows(SMALL)))).toEqual([1, 1, 3, 2]);
    expect(rleBBox(emptyRle(4, 4))).toEqual([0, 0, 0, 0]);
    expect(bitmapBBox(fromRows([[0, 0], [0, 0]]))).toEqual([0, 0, 0, 0]);
  });

  it("decodes a crop equal to the full decode inside the bbox", () => {
    const rle = { size: [7, 6] as [number, number], counts: "031O1O20M10O000011O60K1" };
    const full = decodeRle(rle);
    const crop = decodeRleCrop(rle);
    for (let y = 0; y < 7; y++) for (let x = 0; x < 6; x++) expect(cropAt(crop, x, y)).toBe(full.data[y * 6 + x]);
    const small = decodeRleCrop(encodeRle(fromRows(SMALL)));
    expect([small.x, small.y, small.width, small.height]).toEqual([1, 1, 3, 2]);
    expect(Array.from(small.data)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(cropAt(small, 0, 0)).toBe(0);
    expect(decodeRleCrop(emptyRle(5, 5)).data.length).toBe(0);
  });

  it("round-trips random masks", () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 20; t++) {
      const w = 1 + Math.floor(rand() * 40);
      const h = 1 + Math.floor(rand() * 40);
      const data = new Uint8Array(w * h).map(() => (rand() > 0.7 ? 1 : 0));
      const b = { width: w, height: h, data };
      const back = decodeRle(encodeRle(b));
      expect(back.data).toEqual(data);
      expect(rleArea(encodeRle(b))).toBe(bitmapArea(b));
      expect(rleBBox(encodeRle(b))).toEqual(bitmapBBox(b));
    }
  });
});

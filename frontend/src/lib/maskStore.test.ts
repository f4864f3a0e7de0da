import { describe, expect, it } from "vitest";
import { CHUNK, MaskStore, chunkOf, chunkRange, chunksAround } from "./maskStore";
import { emptyBitmap, encodeRle } from "./rle";
import { paintDisk } from "./brush";
import type { StoredMask } from "./types";

function mask(masklet: number, frame: number, version = 1): StoredMask {
  const b = emptyBitmap(20, 10);
  paintDisk(b, { x: 5 + masklet, y: 5 }, 2, 1);
  return { masklet, frame, rle: encodeRle(b), bbox: [0, 0, 0, 0], area: 12, source: "propagated", version, provenance: null };
}

describe("MaskStore", () => {
  it("computes chunks around a frame", () => {
    expect(chunkOf(CHUNK + 1)).toBe(1);
    expect(chunkRange(1, 40)).toEqual([CHUNK, 39]);
    expect(chunksAround(0, 1000)).toEqual([0, 1]);
    expect(chunksAround(CHUNK * 2, CHUNK * 2 + 1)).toEqual([2, 1]);
  });

  it("keeps the newest version and lists masks per frame", () => {
    const s = new MaskStore();
    s.setChunk(0, [mask(1, 3, 2), mask(2, 3)]);
    expect(s.masksOnFrame(3).map((m) => m.masklet).sort()).toEqual([1, 2]);
    expect(s.put(mask(1, 3, 1))).toBe(false);
    expect(s.put(mask(1, 3, 3))).toBe(true);
    expect(s.get(1, 3)?.version).toBe(3);
    s.removeMasklet(1);
    expect(s.masksOnFrame(3).map((m) => m.masklet)).toEqual([2]);
  });

  it("decodes lazily and caches per version", () => {
    const m = mask(1, 0);
    const one = new MaskStore(4).decode(m).data.length + 64;
    const s = new MaskStore(4, one * 2);
    s.put(m);
    expect(s.decodedCount).toBe(0);
    const d = s.decode(m);
    expect(s.decode(m)).toBe(d);
    expect(d.width).toBeGreaterThan(0);
    expect(d.data.length).toBe(d.width * d.height);
    s.decode(mask(2, 0));
    s.decode(mask(3, 0));
    expect(s.decodedCount).toBe(2);
  });

  it("forgets the masks of evicted chunks and replaces a reloaded chunk", () => {
    const s = new MaskStore(2);
    s.setChunk(0, [mask(1, 0)]);
    s.setChunk(1, [mask(1, CHUNK)]);
    s.setChunk(2, [mask(1, CHUNK * 2)]);
    expect(s.isChunkLoaded(0)).toBe(false);
    expect(s.masksOnFrame(0)).toEqual([]);
    expect(s.masksOnFrame(CHUNK)).toHaveLength(1);
    s.setChunk(1, []);
    expect(s.masksOnFrame(CHUNK)).toEqual([]);
  });
});

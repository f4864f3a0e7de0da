import { describe, expect, it } from "vitest";
import {
  addConflict,
  currentConflict,
  dropMasklet,
  emptyConflicts,
  resolveConflict,
  updateTheirs,
} from "./conflicts";
import type { Rle } from "./rle";
import type { StoredMask } from "./types";

const rle = (c: string): Rle => ({ size: [2, 2], counts: c });
const stored = (masklet: number, frame: number, version: number, counts = "4"): StoredMask => ({
  masklet,
  frame,
  rle: rle(counts),
  bbox: [0, 0, 0, 0],
  area: 0,
  source: "edited",
  version,
  provenance: null,
});

describe("conflicts", () => {
  it("keeps mine by re-putting with the server's current version", () => {
    let s = addConflict(emptyConflicts, { masklet: 3, frame: 7, mine: rle("13"), theirs: stored(3, 7, 5) }, 1);
    expect(currentConflict(s)?.key).toBe("3:7");
    const r = resolveConflict(s, "3:7", "mine");
    s = r.state;
    expect(r.effect).toEqual({ kind: "put", masklet: 3, frame: 7, rle: rle("13"), version: 5 });
    expect(s.conflicts).toHaveLength(0);
  });

  it("takes theirs by loading the server mask", () => {
    const s = addConflict(emptyConflicts, { masklet: 3, frame: 7, mine: rle("13"), theirs: stored(3, 7, 5, "22") });
    const r = resolveConflict(s, "3:7", "theirs");
    expect(r.effect).toEqual({ kind: "load", masklet: 3, frame: 7, mask: stored(3, 7, 5, "22") });
  });

  it("uses version 0 when the server no longer has a mask", () => {
    const s = addConflict(emptyConflicts, { masklet: 1, frame: 0, mine: rle("4"), theirs: null });
    expect(resolveConflict(s, "1:0", "mine").effect).toMatchObject({ kind: "put", version: 0 });
  });

  it("replaces an older conflict on the same mask and queues others", () => {
    let s = addConflict(emptyConflicts, { masklet: 1, frame: 0, mine: rle("a"), theirs: stored(1, 0, 2) }, 1);
    s = addConflict(s, { masklet: 2, frame: 0, mine: rle("b"), theirs: stored(2, 0, 2) }, 2);
    s = addConflict(s, { masklet: 1, frame: 0, mine: rle("c"), theirs: stored(1, 0, 3) }, 3);
    expect(s.conflicts.map((c) => c.key)).toEqual(["2:0", "1:0"]);
    expect(s.conflicts[1].mine).toEqual(rle("c"));
  });

  it("follows newer server versions while open, never older ones", () => {
    let s = addConflict(emptyConflicts, { masklet: 1, frame: 0, mine: rle("a"), theirs: stored(1, 0, 2) });
    s = updateTheirs(s, stored(1, 0, 4, "x"));
    s = updateTheirs(s, stored(1, 0, 3, "y"));
    expect(s.conflicts[0].theirs?.version).toBe(4);
    expect(updateTheirs(s, stored(9, 9, 1))).toBe(s);
    expect(resolveConflict(s, "1:0", "mine").effect).toMatchObject({ version: 4 });
  });

  it("drops conflicts of a deleted masklet and ignores unknown keys", () => {
    let s = addConflict(emptyConflicts, { masklet: 1, frame: 0, mine: rle("a"), theirs: null });
    expect(resolveConflict(s, "5:5", "mine").effect).toBeNull();
    s = dropMasklet(s, 1);
    expect(currentConflict(s)).toBeUndefined();
  });
});

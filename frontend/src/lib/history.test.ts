import { describe, expect, it } from "vitest";
import { EditHistory, type MaskEdit } from "./history";
import type { Rle } from "./rle";

const rle = (c: string): Rle => ({ size: [2, 2], counts: c });
const edit = (masklet: number, frame: number, before: string | null, after: string | null): MaskEdit => ({
  masklet,
  frame,
  before: before === null ? null : rle(before),
  after: after === null ? null : rle(after),
  kind: "brush",
});

describe("EditHistory", () => {
  it("undoes to the previous RLE and redoes to the new one", () => {
    const h = new EditHistory();
    expect(h.canUndo).toBe(false);
    h.push(edit(1, 5, null, "a"));
    h.push(edit(1, 5, "a", "b"));
    expect(h.undo()).toEqual({ masklet: 1, frame: 5, rle: rle("a") });
    expect(h.undo()).toEqual({ masklet: 1, frame: 5, rle: null });
    expect(h.undo()).toBeNull();
    expect(h.canRedo).toBe(true);
    expect(h.redo()).toEqual({ masklet: 1, frame: 5, rle: rle("a") });
    expect(h.redo()).toEqual({ masklet: 1, frame: 5, rle: rle("b") });
    expect(h.redo()).toBeNull();
  });

  it("clears redo on a new edit", () => {
    const h = new EditHistory();
    h.push(edit(1, 1, null, "a"));
    h.undo();
    h.push(edit(2, 1, null, "x"));
    expect(h.canRedo).toBe(false);
    expect(h.undoSize).toBe(1);
  });

  it("is bounded", () => {
    const h = new EditHistory(3);
    for (let i = 0; i < 5; i++) h.push(edit(1, i, null, "a"));
    expect(h.undoSize).toBe(3);
    expect(h.peekUndo()?.frame).toBe(4);
  });

  it("reverts a failed undo or redo", () => {
    const h = new EditHistory();
    h.push(edit(1, 1, null, "a"));
    h.undo();
    h.revertUndo();
    expect(h.undoSize).toBe(1);
    expect(h.redoSize).toBe(0);
    h.undo();
    h.redo();
    h.revertRedo();
    expect(h.undoSize).toBe(0);
    expect(h.redoSize).toBe(1);
  });

  it("forgets a deleted masklet", () => {
    const h = new EditHistory();
    h.push(edit(1, 1, null, "a"));
    h.push(edit(2, 1, null, "b"));
    h.undo();
    h.forgetMasklet(2);
    expect(h.redoSize).toBe(0);
    expect(h.undoSize).toBe(1);
    h.clear();
    expect(h.canUndo).toBe(false);
  });
});

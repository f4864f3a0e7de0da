/**
 * Undo/redo of the user's own mask edits. An edit records one masklet's mask on one frame
 * before and after; undoing it is a PUT of `before` (an empty mask when there was none),
 * redoing it a PUT of `after`.
 */
import type { Rle } from "./rle";

export interface MaskEdit {
  masklet: number;
  frame: number;
  before: Rle | null;
  after: Rle | null;
  /** what made it, for the UI: "brush", "eraser", "click", "box", "undo"... */
  kind: string;
}

/** The PUT that applies a step of history. */
export interface MaskWrite {
  masklet: number;
  frame: number;
  rle: Rle | null; // null = clear the mask
}

export class EditHistory {
  private done: MaskEdit[] = [];
  private undone: MaskEdit[] = [];
  private readonly limit: number;

  constructor(limit = 100) {
    this.limit = limit;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  get undoSize(): number {
    return this.done.length;
  }

  get redoSize(): number {
    return this.undone.length;
  }

  /** Record a new edit; it clears the redo stack. */
  push(edit: MaskEdit): void {
    this.done.push(edit);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  peekUndo(): MaskEdit | undefined {
    return this.done[this.done.length - 1];
  }

  peekRedo(): MaskEdit | undefined {
    return this.undone[this.undone.length - 1];
  }

  /** Step back: returns the write that restores the state before the last edit. */
  undo(): MaskWrite | null {
    const e = this.done.pop();
    if (!e) return null;
    this.undone.push(e);
    return { masklet: e.masklet, frame: e.frame, rle: e.before };
  }

  redo(): MaskWrite | null {
    const e = this.undone.pop();
    if (!e) return null;
    this.done.push(e);
    return { masklet: e.masklet, frame: e.frame, rle: e.after };
  }

  /** Put back an undo or redo whose write failed, so the stacks match the server again. */
  revertUndo(): void {
    const e = this.undone.pop();
    if (e) this.done.push(e);
  }

  revertRedo(): void {
    const e = this.done.pop();
    if (e) this.undone.push(e);
  }

  /** Forget every step that touches a deleted masklet. */
  forgetMasklet(masklet: number): void {
    this.done = this.done.filter((e) => e.masklet !== masklet);
    this.undone = this.undone.filter((e) => e.masklet !== masklet);
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }
}

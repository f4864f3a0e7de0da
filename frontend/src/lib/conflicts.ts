/**
 * Edit conflicts. A PUT with a stale version is answered 409 with the server's current mask;
 * the user's edit is kept here until they choose: keep mine (re-PUT with the server's current
 * version) or take theirs (show the server mask). Nothing is dropped silently.
 */
import type { Rle } from "./rle";
import type { StoredMask } from "./types";

export interface Conflict {
  key: string; // `${masklet}:${frame}`
  masklet: number;
  frame: number;
  mine: Rle | null; // null = I cleared the mask
  theirs: StoredMask | null; // null = the server has no mask there any more
  at: number; // when it happened (ms)
}

export type Resolution = "mine" | "theirs";

/** What the app must do once a conflict is resolved. */
export type ResolutionEffect =
  | { kind: "put"; masklet: number; frame: number; rle: Rle | null; version: number }
  | { kind: "load"; masklet: number; frame: number; mask: StoredMask | null };

export interface ConflictState {
  conflicts: Conflict[]; // oldest first
}

export const emptyConflicts: ConflictState = { conflicts: [] };

export function conflictKey(masklet: number, frame: number): string {
  return `${masklet}:${frame}`;
}

/** Record a 409. A newer conflict on the same mask replaces the older one (mine is the latest edit). */
export function addConflict(
  state: ConflictState,
  c: { masklet: number; frame: number; mine: Rle | null; theirs: StoredMask | null },
  now: number = Date.now(),
): ConflictState {
  const key = conflictKey(c.masklet, c.frame);
  const rest = state.conflicts.filter((x) => x.key !== key);
  return { conflicts: [...rest, { ...c, key, at: now }] };
}

/** A colleague changed the mask again while the dialog was open: track the newest server copy. */
export function updateTheirs(state: ConflictState, mask: StoredMask): ConflictState {
  const key = conflictKey(mask.masklet, mask.frame);
  if (!state.conflicts.some((c) => c.key === key)) return state;
  return {
    conflicts: state.conflicts.map((c) =>
      c.key === key && (c.theirs === null || mask.version >= c.theirs.version) ? { ...c, theirs: mask } : c,
    ),
  };
}

/** The masklet was deleted: its conflicts can no longer be resolved by writing. */
export function dropMasklet(state: ConflictState, masklet: number): ConflictState {
  return { conflicts: state.conflicts.filter((c) => c.masklet !== masklet) };
}

export function currentConflict(state: ConflictState): Conflict | undefined {
  return state.conflicts[0];
}

export function resolveConflict(
  state: ConflictState,
  key: string,
  choice: Resolution,
): { state: ConflictState; effect: ResolutionEffect | null } {
  const c = state.conflicts.find((x) => x.key === key);
  if (!c) return { state, effect: null };
  const next = { conflicts: state.conflicts.filter((x) => x.key !== key) };
  if (choice === "theirs") {
    return { state: next, effect: { kind: "load", masklet: c.masklet, frame: c.frame, mask: c.theirs } };
  }
  return {
    state: next,
    effect: { kind: "put", masklet: c.masklet, frame: c.frame, rle: c.mine, version: c.theirs?.version ?? 0 },
  };
}

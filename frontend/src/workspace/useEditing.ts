import { useCallback, useMemo, useRef, useState } from "react";
import { ApiError } from "../lib/api";
import {
  addConflict,
  emptyConflicts,
  resolveConflict,
  updateTheirs,
  dropMasklet,
  type ConflictState,
  type Resolution,
} from "../lib/conflicts";
import { api } from "../lib/endpoints";
import { EditHistory } from "../lib/history";
import type { MaskStore } from "../lib/maskStore";
import { emptyRle, rleArea, rleBBox, type Rle } from "../lib/rle";
import type { ModelRole, StoredMask } from "../lib/types";

interface Options {
  width: number;
  height: number;
  store: MaskStore;
  bump: () => void;
  /** a mask the server stored for me (to update the timeline row) */
  onStored: (mask: StoredMask) => void;
  onError: (message: string) => void;
}

export interface PromptBody {
  points?: number[][];
  labels?: number[];
  box?: number[];
  /** model role to answer (null: the project's default) */
  role?: ModelRole | null;
}

/** The model that answered the last click: its name as roles know it, and its provenance label. */
export interface ClickAnswerer {
  model: string;
  label: string;
}

const key = (m: number, f: number) => `${m}:${f}`;

/**
 * My edits: mask writes (PUT with the version I saw), SAM prompts, undo/redo of my own edits,
 * and 409 conflicts kept until I resolve them.
 */
export function useEditing({ width, height, store, bump, onStored, onError }: Options) {
  const history = useMemo(() => new EditHistory(200), []);
  const [historyTick, setHistoryTick] = useState(0);
  const [conflicts, setConflicts] = useState<ConflictState>(emptyConflicts);
  const [clicks, setClicks] = useState<Record<string, Array<{ x: number; y: number; label: number }>>>({});
  const resetNext = useRef(new Set<string>());
  const [busy, setBusy] = useState(0);
  const [answeredBy, setAnsweredBy] = useState<ClickAnswerer | null>(null);
  const touchHistory = () => setHistoryTick((t) => t + 1);

  const optimistic = useCallback(
    (masklet: number, frame: number, rle: Rle, version: number) => {
      store.force({ masklet, frame, rle, bbox: rleBBox(rle), area: rleArea(rle), source: "edited", version, provenance: null });
      bump();
    },
    [store, bump],
  );

  const restore = useCallback(
    (masklet: number, frame: number, mask: StoredMask | null | undefined) => {
      if (mask) store.force(mask);
      else store.remove(masklet, frame);
      bump();
    },
    [store, bump],
  );

  /**
   * PUT a mask (null = clear it). Records an undo step when `record` names the edit.
   * Returns true when the server stored it; a 409 becomes a conflict for the user to resolve.
   */
  const writeMask = useCallback(
    async (masklet: number, frame: number, rle: Rle | null, opts: { record?: string; version?: number } = {}): Promise<boolean> => {
      const current = store.get(masklet, frame);
      const before = current?.rle ?? null;
      const target = rle ?? emptyRle(width, height);
      const version = opts.version ?? current?.version ?? 0;
      optimistic(masklet, frame, target, version);
      setBusy((b) => b + 1);
      try {
        const saved = await api.putMask(masklet, frame, target, version);
        store.force(saved);
        bump();
        onStored(saved);
        if (opts.record) {
          history.push({ masklet, frame, before, after: target, kind: opts.record });
          touchHistory();
        }
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          const body = e.body as { current?: StoredMask | null } | null;
          const theirs = body?.current ?? null;
          restore(masklet, frame, theirs);
          setConflicts((s) => addConflict(s, { masklet, frame, mine: rle ?? target, theirs }));
        } else {
          restore(masklet, frame, current);
          onError(e instanceof ApiError ? e.fullMessage : String(e));
        }
        return false;
      } finally {
        setBusy((b) => b - 1);
      }
    },
    [store, width, height, optimistic, restore, bump, onStored, onError, history],
  );

  /** A SAM click or box; the server builds on earlier clicks on this frame unless reset. */
  const prompt = useCallback(
    async (masklet: number, frame: number, body: PromptBody, kind: string): Promise<boolean> => {
      const k = key(masklet, frame);
      const before = store.get(masklet, frame)?.rle ?? null;
      const reset = resetNext.current.has(k);
      setBusy((b) => b + 1);
      try {
        const res = await api.prompt(masklet, { frame, ...body, ...(reset ? { reset: true } : {}) });
        resetNext.current.delete(k);
        setAnsweredBy({ model: res.model, label: res.provenance.label });
        const stored: StoredMask = res.mask;
        store.force(stored);
        bump();
        onStored(stored);
        if (body.points && body.labels) {
          const pts = body.points.map(([x, y], i) => ({ x, y, label: body.labels?.[i] ?? 1 }));
          setClicks((c) => ({ ...c, [k]: [...(reset ? [] : c[k] ?? []), ...pts] }));
        } else if (body.box) {
          setClicks((c) => ({ ...c, [k]: [] }));
        }
        history.push({ masklet, frame, before, after: stored.rle, kind });
        touchHistory();
        return true;
      } catch (e) {
        onError(e instanceof ApiError ? e.fullMessage : String(e));
        return false;
      } finally {
        setBusy((b) => b - 1);
      }
    },
    [store, bump, onStored, onError, history],
  );

  const resetClicks = useCallback((masklet: number, frame: number) => {
    const k = key(masklet, frame);
    resetNext.current.add(k);
    setClicks((c) => ({ ...c, [k]: [] }));
  }, []);

  const undo = useCallback(async () => {
    const w = history.undo();
    touchHistory();
    if (!w) return;
    // the server's click log no longer matches the mask: the next click starts over
    resetNext.current.add(key(w.masklet, w.frame));
    setClicks((c) => ({ ...c, [key(w.masklet, w.frame)]: [] }));
    if (!(await writeMask(w.masklet, w.frame, w.rle))) {
      history.revertUndo();
      touchHistory();
    }
  }, [history, writeMask]);

  const redo = useCallback(async () => {
    const w = history.redo();
    touchHistory();
    if (!w) return;
    resetNext.current.add(key(w.masklet, w.frame));
    if (!(await writeMask(w.masklet, w.frame, w.rle))) {
      history.revertRedo();
      touchHistory();
    }
  }, [history, writeMask]);

  const conflictsRef = useRef(conflicts);
  conflictsRef.current = conflicts;

  const resolve = useCallback(
    async (conflictKey: string, choice: Resolution) => {
      const { effect } = resolveConflict(conflictsRef.current, conflictKey, choice);
      setConflicts((s) => resolveConflict(s, conflictKey, choice).state);
      if (!effect) return;
      if (effect.kind === "load") restore(effect.masklet, effect.frame, effect.mask);
      // keep mine: re-PUT my mask over the server's current version (a new 409 reopens it)
      else await writeMask(effect.masklet, effect.frame, effect.rle, { record: "conflict", version: effect.version });
    },
    [restore, writeMask],
  );

  const noteServerMasks = useCallback((masks: StoredMask[]) => {
    if (masks.length === 0) return;
    setConflicts((s) => masks.reduce(updateTheirs, s));
  }, []);

  const forgetMasklet = useCallback(
    (masklet: number) => {
      history.forgetMasklet(masklet);
      touchHistory();
      setConflicts((s) => dropMasklet(s, masklet));
    },
    [history],
  );

  return {
    writeMask,
    prompt,
    resetClicks,
    clicks,
    undo,
    redo,
    canUndo: history.canUndo,
    canRedo: history.canRedo,
    historyTick,
    conflicts,
    resolve,
    noteServerMasks,
    forgetMasklet,
    busy: busy > 0,
    /** the model that answered my last click */
    answeredBy,
  };
}

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "../lib/endpoints";
import { MaskStore, chunkOf, chunkRange, chunksAround } from "../lib/maskStore";
import type { StoredMask } from "../lib/types";

/**
 * Masks of the frames around the current one, fetched in 32-frame chunks for all masklets at
 * once and kept in a bounded MaskStore. `revision` changes whenever a mask changes.
 */
export function useMasks(videoId: number, frameCount: number, frame: number, ahead = 1) {
  const store = useMemo(() => new MaskStore(), [videoId]);
  const [revision, setRevision] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const inflight = useRef(new Map<number, Promise<void>>());
  const bump = useCallback(() => setRevision(store.revision), [store]);

  const loadChunk = useCallback(
    (chunk: number, force = false): Promise<void> => {
      if (!force && store.isChunkLoaded(chunk)) {
        store.touchChunk(chunk);
        return Promise.resolve();
      }
      const running = inflight.current.get(chunk);
      if (running && !force) return running;
      const [start, end] = chunkRange(chunk, frameCount);
      const p = api
        .videoMasks(videoId, start, end)
        .then((masks) => {
          store.setChunk(chunk, masks);
          setError(null);
          bump();
        })
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
        .finally(() => inflight.current.delete(chunk));
      inflight.current.set(chunk, p);
      return p;
    },
    [store, videoId, frameCount, bump],
  );

  useEffect(() => {
    if (frameCount <= 0) return;
    // the frame's own chunk first: the others (ahead, behind) only once it is in, so they do not
    // compete with what the screen needs now (the workspace's first paint waits for it)
    const [own, ...rest] = chunksAround(frame, frameCount, ahead);
    let alive = true;
    void loadChunk(own).then(() => {
      if (alive) for (const c of rest) void loadChunk(c);
    });
    return () => {
      alive = false;
    };
  }, [frame, frameCount, loadChunk, ahead]);

  /** A colleague or a worker changed masks: fetch the ones we hold that are older. */
  const refreshMasklet = useCallback(
    async (masklet: number, frames: number[], versions: number[]): Promise<StoredMask[]> => {
      const wanted = frames.filter((f, i) => {
        if (!store.isChunkLoaded(chunkOf(f))) return false;
        const have = store.get(masklet, f);
        const v = versions[i];
        return v === undefined || !have || have.version < v;
      });
      if (wanted.length === 0) return [];
      const start = Math.min(...wanted);
      const end = Math.max(...wanted);
      const masks = await api.maskletMasks(masklet, start, end);
      const got = new Set(masks.map((m) => m.frame));
      for (const m of masks) store.put(m);
      for (const f of wanted) if (!got.has(f)) store.remove(masklet, f);
      bump();
      return masks;
    },
    [store, bump],
  );

  const reloadAll = useCallback(() => {
    for (const c of chunksAround(frame, frameCount)) void loadChunk(c, true);
  }, [frame, frameCount, loadChunk]);

  return { store, revision, error, bump, refreshMasklet, reloadAll };
}

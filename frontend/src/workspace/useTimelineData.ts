import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api } from "../lib/endpoints";
import { rowSegments, upsertFrame } from "../lib/timeline";
import type { MaskSource, StoredMask, TimelineRow } from "../lib/types";
import type { RowData } from "./Timeline";

/**
 * The timeline summary (GET /api/videos/{id}/timeline/), loaded once, then patched locally: by my
 * own edits and by the `mask.updated` events of colleagues and workers (which carry each frame's
 * area), so a busy video costs no timeline refetch per edit. A finished job reloads it.
 */
export function useTimelineData(videoId: number, start = true) {
  const [rows, setRows] = useState<Map<number, TimelineRow>>(new Map());
  const segCache = useRef(new WeakMap<TimelineRow, RowData>());
  
  const reload = useCallback(async () => {
    try {
      const t = await api.timeline(videoId);
      setRows(new Map(t.masklets.map((r) => [r.id, r])));
    } catch {
      /* the timeline is a summary; the canvas keeps working without it */
    }
  }, [videoId]);

  // the summary of every masklet on every frame can be large (200 masklets x 2,000 frames): it
  // is asked for once the frame on screen has its masks, so it never delays the first paint
  useEffect(() => {
    if (start) void reload();
  }, [reload, start]);

  const noteMask = useCallback((mask: StoredMask) => {
    setRows((old) => {
      const next = new Map(old);
      const row = old.get(mask.masklet) ?? { id: mask.masklet, frames: [], prompt_frames: [] };
      const prompts = mask.source === "prompt" && !row.prompt_frames.includes(mask.frame) ? [...row.prompt_frames, mask.frame] : row.prompt_frames;
      next.set(mask.masklet, { ...row, frames: upsertFrame(row.frames, [mask.frame, mask.source, mask.area]), prompt_frames: prompts });
      return next;
    });
  }, []);

  /** A `mask.updated` event: frames of one masklet stored with `source`, their areas in pixels. */
  const noteEvent = useCallback((masklet: number, frames: readonly number[], areas: readonly number[], source: MaskSource) => {
    setRows((old) => {
      const next = new Map(old);
      const row = old.get(masklet) ?? { id: masklet, frames: [], prompt_frames: [] };
      let entries = row.frames;
      frames.forEach((frame, i) => {
        entries = upsertFrame(entries, [frame, source, areas[i] ?? 0]);
      });
      const prompted = source === "prompt" ? frames.filter((f) => !row.prompt_frames.includes(f)) : [];
      const prompts = prompted.length ? [...row.prompt_frames, ...prompted].sort((a, b) => a - b) : row.prompt_frames;
      next.set(masklet, { ...row, frames: entries, prompt_frames: prompts });
      return next;
    });
  }, []);

  const removeRow = useCallback((masklet: number) => {
    setRows((old) => {
      const next = new Map(old);
      next.delete(masklet);
      return next;
    });
  }, []);

  const data = useMemo(() => {
    const out = new Map<number, RowData>();
    for (const [id, row] of rows) {
      let d = segCache.current.get(row);
      if (!d) {
        d = { segments: rowSegments(row.frames), prompts: row.prompt_frames };
        segCache.current.set(row, d);
      }
      out.set(id, d);
    }
    return out;
  }, [rows]);

  /** First frame where a masklet has a non-empty mask, for jumping to it. */
  const firstFrame = useCallback(
    (masklet: number): number | null => {
      const row = rows.get(masklet);
      const f = row?.frames.find((x) => x[2] > 0);
      return f ? f[0] : null;
    },
    [rows],
  );

  const hasMaskOn = useCallback((masklet: number, frame: number) => !!rows.get(masklet)?.frames.some((f) => f[0] === frame && f[2] > 0), [rows]);

  return { data, reload, noteEvent, noteMask, removeRow, firstFrame, hasMaskOn };
}

import { useCallback, type Dispatch } from "react";
import { api } from "../lib/endpoints";
import type { RealtimeEvent } from "../lib/realtime";
import type { Task } from "../lib/types";
import type { WorkspaceAction } from "./state";
import { useRealtime } from "./useRealtime";
import type { WorkspaceData } from "./useWorkspaceData";

/**
 * What colleagues and workers change, as the video's live channel reports it, applied to the
 * workspace's data; after a reconnect, everything that may have been missed is fetched again.
 * Returns who is here and the connection's status.
 */
export function useWorkspaceEvents(opts: {
  videoId: number;
  frame: number;
  data: WorkspaceData;
  task: Task | null;
  setTask: (t: Task) => void;
  dispatch: Dispatch<WorkspaceAction>;
}) {
  const { videoId, frame, data, task, setTask, dispatch } = opts;
  const { masks, editing, timeline, masklets, jobs, issues, qaFlags } = data;

  const onEvent = useCallback(
    (e: RealtimeEvent) => {
      switch (e.type) {
        case "mask.updated":
          masks
            .refreshMasklet(e.masklet, e.frames, e.versions)
            .then(editing.noteServerMasks)
            .catch(() => undefined);
          // The event carries each frame's area: patch the timeline (an older server sends none: refetch).
          if (e.areas.length === e.frames.length) timeline.noteEvent(e.masklet, e.frames, e.areas, e.source);
          else void timeline.reload();
          break;
        case "masklet.changed":
          if (e.action === "deleted") {
            masks.store.removeMasklet(e.masklet);
            masks.bump();
            editing.forgetMasklet(e.masklet);
            timeline.removeRow(e.masklet);
            dispatch({ type: "forget", masklet: e.masklet });
          }
          void masklets.reload();
          break;
        case "job.progress":
          jobs.onProgress(e);
          break;
        case "job.finished":
          jobs.onFinishedEvent(e);
          break;
        case "qa.updated":
          // a QA run (after edits, propagations, imports) or an edit changed the video's flags
          void qaFlags.reload();
          break;
        case "review.changed":
          void issues.reload();
          if (task && (e.task == null || e.task === task.id)) api.task(task.id).then(setTask, () => undefined);
          break;
      }
    },
    [masks, editing, timeline, masklets, jobs, issues, qaFlags, task, setTask, dispatch],
  );

  const onReconnect = useCallback(() => {
    jobs.loadActive();
    if (task) api.task(task.id).then(setTask, () => undefined);
    void masklets.reload();
    void timeline.reload();
    void issues.reload();
    void qaFlags.reload();
    masks.reloadAll();
  }, [jobs, task, setTask, masklets, timeline, issues, qaFlags, masks]);

  return useRealtime(videoId, frame, onEvent, onReconnect);
}

import { useCallback, useRef } from "react";
import { chunkOf } from "../lib/maskStore";
import { useResource, type Resource } from "../hooks";
import { api } from "../lib/endpoints";
import type { Masklet, QAFlag, ReadyVideo, ReviewIssue } from "../lib/types";
import { useEditing } from "./useEditing";
import { useFrames } from "./useFrames";
import { useJobs, type TrackedJob } from "./useJobs";
import { useMasks } from "./useMasks";
import { useTimelineData } from "./useTimelineData";
import type { Say } from "./useWorkspaceState";

const JOB_NAMES: Record<string, string> = { automask: "Automatic masklets", concept: "Find all", propagate: "Propagation" };

/** The server's data behind the workspace, each kind kept by its own hook. */
export interface WorkspaceData {
  masklets: Resource<Masklet[]>;
  issues: Resource<ReviewIssue[]>;
  /** the video's automated QA flags, reloaded when a QA job finishes */
  qaFlags: Resource<QAFlag[]>;
  frames: ReturnType<typeof useFrames>;
  masks: ReturnType<typeof useMasks>;
  timeline: ReturnType<typeof useTimelineData>;
  editing: ReturnType<typeof useEditing>;
  jobs: ReturnType<typeof useJobs>;
}

/**
 * Frames, masks, the timeline summary, my edits, jobs and review issues of one video. `frame` is
 * the frame shown; `viewScale` (screen pixels per video pixel) decides when to load full frames.
 */
export function useWorkspaceData(opts: { video: ReadyVideo; masklets: Resource<Masklet[]>; frame: number; viewScale: number; say: Say; playing?: boolean }): WorkspaceData {
  const { video, masklets, frame, viewScale, say, playing = false } = opts;
  const N = video.frame_count;
  const issues = useResource(() => api.issues(video.id), [video.id]);
  const qaFlags = useResource(() => api.qaFlags(video.id), [video.id]);
  // past 1.25 screen pixels per display-frame pixel, show the original frame instead
  const displayRatio = video.display_width && video.display_width < video.width ? video.width / video.display_width : 1;
  const frames = useFrames(video.id, N, frame, displayRatio > 1 && viewScale * displayRatio > 1.25);
  // while playing, mask chunks further ahead are fetched so playback never waits on them
  const masks = useMasks(video.id, N, frame, playing ? 3 : 1);
  // once true, stays true: the first frame's masks are in (or failed), the timeline may load
  const started = useRef(false);
  started.current ||= masks.store.isChunkLoaded(chunkOf(frame)) || masks.error !== null;
  const timeline = useTimelineData(video.id, started.current);
  const editing = useEditing({
    width: video.width,
    height: video.height,
    store: masks.store,
    bump: masks.bump,
    onStored: timeline.noteMask,
    onError: (m) => say(m, true),
  });

  const onJobFinished = useCallback(
    (j: TrackedJob) => {
      if (j.kind === "qa") {
        void qaFlags.reload();
        return;
      }
      if (j.status === "failed") say(`${j.kind} failed${j.error ? `: ${j.error}` : ""}`, true);
      else if (j.status === "succeeded") say(`${JOB_NAMES[j.kind] ?? "Propagation"} finished`);
      void masklets.reload();
      void timeline.reload();
      masks.reloadAll();
    },
    [say, masklets, timeline, masks, qaFlags],
  );
  const jobs = useJobs(video.id, N, onJobFinished);

  return { masklets, issues, qaFlags, frames, masks, timeline, editing, jobs };
}

import { useMemo } from "react";
import type { Resource } from "../hooks";
import { chunkOf } from "../lib/maskStore";
import { currentConflict } from "../lib/conflicts";
import { isPendingProposal, type BackendStatus, type Label, type Masklet, type Project, type ReadyVideo, type Task, type User } from "../lib/types";
import { WorkspaceContext, type WorkspaceContextValue } from "./context";
import type { Roles } from "./ReviewPanel";
import { useActivityHeartbeat } from "./useActivityHeartbeat";
import type { FlagSpan } from "./Timeline";
import { useCanvasTools } from "./useCanvasTools";
import { useJobActions } from "./useJobActions";
import { readOnlyReason } from "./readOnly";
import { useMaskletActions } from "./useMaskletActions";
import { usePlayback } from "./usePlayback";
import { maskletColor, useMaskLayer } from "./useMaskLayer";
import { useReviewActions } from "./useReviewActions";
import { useTaskActivity } from "./useTaskActivity";
import { useAutoStart, useReadOnlyTools } from "./useTaskFlow";
import { useWorkspaceData } from "./useWorkspaceData";
import { useWorkspaceEvents } from "./useWorkspaceEvents";
import { useWorkspaceShortcuts } from "./useWorkspaceShortcuts";
import { useWorkspaceState } from "./useWorkspaceState";
import { WorkspaceLayout } from "./WorkspaceLayout";

interface Props {
  video: ReadyVideo;
  project: Project | null;
  labels: Label[];
  masklets: Resource<Masklet[]>;
  task: Task | null;
  setTask: (t: Task) => void;
  backend: BackendStatus | null;
  me: User | null;
}

/** Who does what here: the task's assignee and reviewer, or, without a task, the project role. */
function rolesOf(project: Project | null, task: Task | null, me: User | null): Roles {
  const role = project?.my_role ?? null;
  return {
    isReviewer: task ? task.reviewer === me?.id : role === "reviewer" || role === "manager",
    isAssignee: task ? task.assignee === me?.id : role === "annotator" || role === "manager",
  };
}

/**
 * The annotation workspace of one video: wires the workspace state (state.ts), the server's data
 * (useWorkspaceData), live events and the actions of each concern into the page (WorkspaceLayout).
 */
export function Workspace({ video, project, labels, masklets: maskletRes, task, setTask, backend, me }: Props) {
  const N = video.frame_count;
  const { state, dispatch, say } = useWorkspaceState(video, task, labels);
  const { frame, selected } = state;
  const data = useWorkspaceData({ video, masklets: maskletRes, frame, viewScale: state.viewScale, say, playing: state.playing });
  const { masks, editing, timeline, jobs, issues, frames } = data;
  const live = useWorkspaceEvents({ videoId: video.id, frame, data, task, setTask, dispatch });
  useActivityHeartbeat(video.id, frame);

  const masklets = useMemo(() => maskletRes.data ?? [], [maskletRes.data]);
  const ordered = useMemo(() => masklets.slice().sort((a, b) => a.number - b.number), [masklets]);
  const labelMap = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  const selectedMasklet = masklets.find((m) => m.id === selected);
  const ws: WorkspaceContextValue = { state, dispatch, video, labels, labelMap, masklets, ordered, selectedMasklet, jobs: jobs.jobs };

  const layer = useMaskLayer({
    store: masks.store,
    revision: masks.revision,
    frame,
    width: video.width,
    height: video.height,
    masklets,
    labels: labelMap,
    selected,
    hidden: state.hidden,
    visible: state.masksVisible,
    looks: { opacity: state.opacity, outline: state.outline, solo: state.solo },
  });
  const playback = usePlayback({
    playing: state.playing,
    speed: state.speed,
    fps: video.annotation_fps ?? 24,
    frame,
    frameCount: N,
    isReady: (f) => frames.cache.has(f) && masks.store.isChunkLoaded(chunkOf(f)),
    dispatch,
  });
  // masks.revision stands for the store's content
  const onFrame = useMemo(() => new Set(masks.store.masksOnFrame(frame).filter((m) => m.area > 0).map((m) => m.masklet)), [masks.store, masks.revision, frame]);

  const roles = rolesOf(project, task, me);
  const taskRange: [number, number] | null = task ? [task.frame_start, Math.min(N - 1, task.frame_end ?? N - 1)] : null;
  const maskletActions = useMaskletActions(ws, data, say);
  const jobActions = useJobActions(ws, data, onFrame, say, taskRange);
  const review = useReviewActions(ws, data, maskletActions, { task, setTask }, say);
  const readOnly = readOnlyReason({ role: project?.my_role ?? null, task, meId: me?.id ?? null, frame, taskRange });
  // objects and proposals belong to the whole task, not to a frame: only the task-level reasons lock them
  const objectsLocked = readOnlyReason({ role: project?.my_role ?? null, task, meId: me?.id ?? null, frame, taskRange: null });
  const handlers = useReadOnlyTools(readOnly, state.tool, dispatch, useCanvasTools(ws, data, maskletActions, say), say);
  const activity = useTaskActivity(task, roles.isAssignee || roles.isReviewer || project?.my_role === "manager");
  useAutoStart(task, roles.isAssignee, editing.canUndo, review.transition);
  const spaceHeld = useWorkspaceShortcuts({ ws, data, masklets: maskletActions, jobs: jobActions, review: { ...review, canReview: roles.isReviewer }, taskRange, locked: objectsLocked, say });

  const allIssues = issues.data ?? [];
  const qaFlags = useMemo(() => data.qaFlags.data ?? [], [data.qaFlags.data]);
  const flagSpans = useMemo(() => {
    const out = new Map<number, FlagSpan[]>();
    for (const f of qaFlags) out.set(f.masklet, [...(out.get(f.masklet) ?? []), [f.frame_start, f.frame_end, f.kind]]);
    return out;
  }, [qaFlags]);
  const conflict = currentConflict(editing.conflicts);
  const resetClicks = () => selected !== null && editing.resetClicks(selected, frame);

  return (
    <WorkspaceContext.Provider value={ws}>
      <WorkspaceLayout
        header={{ project, backend, live, myId: me?.id ?? null, answeredBy: editing.answeredBy }}
        readOnly={readOnly}
        edit={{ readOnly, canUndo: editing.canUndo, canRedo: editing.canRedo, busy: editing.busy, undo: () => void editing.undo(), redo: () => void editing.redo(), resetClicks }}
        canvas={{
          frame: { index: frame, image: frames.image, loading: frames.imageFrame !== frame, width: video.width, height: video.height },
          layer,
          pen: { tool: state.tool, brushSize: state.brushSize, color: maskletColor(selectedMasklet, labelMap), spaceHeld },
          marks: {
            clicks: selected !== null ? editing.clicks[`${selected}:${frame}`] ?? [] : [],
            issues: allIssues.filter((i) => i.frame === frame),
            pendingIssue: state.pendingIssue,
          },
          fitNonce: state.fitNonce,
          handlers: { ...handlers, onDrawn: playback.onDrawn },
          failed: frames.failed,
        }}
        playback={playback}
        conflict={
          conflict
            ? {
                conflict,
                count: editing.conflicts.conflicts.length,
                color: maskletColor(masklets.find((m) => m.id === conflict.masklet), labelMap),
                onResolve: (k, c) => void editing.resolve(k, c),
                onShow: (f) => dispatch({ type: "seek", frame: f }),
              }
            : null
        }
        side={{
          task,
          activity,
          roles,
          masklets: maskletActions,
          onFrame,
          jobs: readOnly ? { ...jobActions, disabled: true } : jobActions,
          locked: objectsLocked,
          review,
          issues: allIssues,
          keyFrame: timeline.firstFrame,
          qa: {
            flags: qaFlags,
            onShow: (f) => {
              dispatch({ type: "select", masklet: f.masklet });
              dispatch({ type: "seek", frame: f.frame_start });
            },
          },
        }}
        timeline={{
          frames: { count: N, current: frame, taskRange, issues: allIssues.filter((i) => !i.resolved).map((i) => i.frame) },
          objects: {
            rows: ordered.map((m) => ({ id: m.id, name: `#${m.number} ${m.name}${isPendingProposal(m) ? ` (${m.origin})` : ""}`, color: maskletColor(m, labelMap), group: isPendingProposal(m) ? "Proposals" : undefined })),
            data: timeline.data,
            selected,
            flags: flagSpans,
          },
          activity: { jobs: jobs.jobs.filter((j) => j.kind !== "qa"), presence: live.users, myId: me?.id ?? null },
          onSeek: (f) => dispatch({ type: "seek", frame: f }),
          onSelect: (id) => dispatch({ type: "select", masklet: id }),
        }}
      />
    </WorkspaceContext.Provider>
  );
}

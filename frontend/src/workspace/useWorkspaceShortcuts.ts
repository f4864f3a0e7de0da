import type { WorkspaceContextValue } from "./context";
import type { JobActions } from "./useJobActions";
import type { MaskletActions } from "./useMaskletActions";
import type { ReviewActions } from "./useReviewActions";
import { useShortcuts } from "./useShortcuts";
import type { WorkspaceData } from "./useWorkspaceData";
import type { Say } from "./useWorkspaceState";

/**
 * The workspace's keyboard shortcuts (lib/shortcuts.ts lists the keys). Home and End go to the
 * task's first and last frame, and from there to the video's. Returns whether Space is held.
 */
export function useWorkspaceShortcuts(opts: {
  ws: WorkspaceContextValue;
  data: WorkspaceData;
  masklets: MaskletActions;
  jobs: JobActions;
  review: ReviewActions & { canReview: boolean };
  taskRange: [number, number] | null;
  /** why objects cannot be created or deleted here (task-level), or null */
  locked: string | null;
  say: Say;
}): boolean {
  const { ws, data, masklets, jobs, review, taskRange, locked, say } = opts;
  const { state, dispatch } = ws;
  const { editing } = data;
  const { frame, selected } = state;
  const N = state.frameCount;
  const [lo, hi] = taskRange ?? [0, N - 1];
  const seek = (f: number) => dispatch({ type: "seek", frame: f });

  return useShortcuts({
    nextFrame: () => seek(frame + 1),
    prevFrame: () => seek(frame - 1),
    next10: () => seek(frame + 10),
    prev10: () => seek(frame - 10),
    firstFrame: () => seek(frame === lo ? 0 : lo),
    lastFrame: () => seek(frame === hi ? N - 1 : hi),
    toolPositive: () => dispatch({ type: "setTool", tool: "positive" }),
    toolNegative: () => dispatch({ type: "setTool", tool: "negative" }),
    toolBox: () => dispatch({ type: "setTool", tool: "box" }),
    toolBrush: () => dispatch({ type: "setTool", tool: "brush" }),
    toolEraser: () => dispatch({ type: "setTool", tool: "eraser" }),
    toolIssue: () => dispatch({ type: "setTool", tool: "issue" }),
    toolPan: () => dispatch({ type: "setTool", tool: "pan" }),
    brushBigger: () => dispatch({ type: "growBrush" }),
    brushSmaller: () => dispatch({ type: "shrinkBrush" }),
    undo: () => void editing.undo(),
    redo: () => void editing.redo(),
    resetClicks: () => selected !== null && editing.resetClicks(selected, frame),
    newObject: () => (locked ? say(`Read-only: ${locked}.`, true) : void masklets.create()),
    deleteObject: () => selected !== null && (locked ? say(`Read-only: ${locked}.`, true) : void masklets.remove(selected)),
    nextMasklet: () => masklets.step(1),
    prevMasklet: () => masklets.step(-1),
    cycleLabel: () => (locked ? say(`Read-only: ${locked}.`, true) : masklets.cycleLabel()),
    propagateForward: () => jobs.propagate("forward"),
    propagateBackward: () => jobs.propagate("backward"),
    propagateBoth: () => jobs.propagate("both"),
    cancel: jobs.escape,
    toggleMasks: () => dispatch({ type: "toggleMasks" }),
    fitView: () => dispatch({ type: "fitView" }),
    verify: () => review.canReview && selected !== null && review.verify(selected),
    reject: () => review.canReview && dispatch({ type: "focusReject" }),
    help: () => dispatch({ type: "toggleHelp" }),
    playPause: () => dispatch({ type: "togglePlay" }),
    toggleOutline: () => dispatch({ type: "toggleOutline" }),
  });
}

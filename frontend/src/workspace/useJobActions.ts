import { asApiError } from "../hooks";
import type { Direction } from "../lib/types";
import type { WorkspaceContextValue } from "./context";
import type { WorkspaceData } from "./useWorkspaceData";
import type { Say } from "./useWorkspaceState";

export type JobActions = ReturnType<typeof useJobActions>;

/**
 * Long jobs started from the workspace: propagation of the selected object (or of every object
 * with a mask on this frame), automatic masklets, and cancelling.
 */
export function useJobActions(ws: WorkspaceContextValue, data: WorkspaceData, onFrame: Set<number>, say: Say, taskRange: [number, number] | null = null) {
  const { state, dispatch, video } = ws;
  const { jobs } = data;
  const { selected, frame, direction, maxFrames, modelRole } = state;

  const propagate = async (d: Direction = direction) => {
    const ids = selected !== null ? [selected] : [...onFrame];
    if (ids.length === 0) {
      say("Nothing to propagate: select an object that has a mask on this frame.", true);
      return;
    }
    try {
      await jobs.startPropagation(ids, frame, d, maxFrames, modelRole);
      dispatch({ type: "setDirection", direction: d });
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };

  const cancel = async (id: number) => {
    try {
      const status = await jobs.cancel(id);
      say(status === "cancelled" ? "Job cancelled" : "Stopping the job…");
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };

  const startAutomasklets = async () => {
    try {
      await jobs.startAutomasklets(modelRole);
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };

  /** "Find all…": a concept prompt over my task's frames (the whole video without a task). */
  const startConcept = async (text: string): Promise<boolean> => {
    const [first, last] = taskRange ?? [0, video.frame_count - 1];
    try {
      await jobs.startConcept(text, first, last);
      return true;
    } catch (e) {
      say(asApiError(e).fullMessage, true);
      return false;
    }
  };

  /** Escape: close help, else withdraw a pending issue, else cancel my latest job. */
  const escape = () => {
    if (state.help) return dispatch({ type: "setHelp", open: false });
    if (state.pendingIssue) return dispatch({ type: "placeIssue", position: null });
    const j = jobs.cancellable();
    if (j) void cancel(j.id);
  };

  return {
    propagate: (d?: Direction) => void propagate(d),
    cancel: (id: number) => void cancel(id),
    startAutomasklets: () => void startAutomasklets(),
    startConcept,
    /** the frames a concept prompt covers */
    conceptRange: taskRange ?? ([0, video.frame_count - 1] as [number, number]),
    escape,
    /** nothing selected and no mask on this frame */
    disabled: selected === null && onFrame.size === 0,
  };
}

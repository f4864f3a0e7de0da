import { asApiError } from "../hooks";
import { api } from "../lib/endpoints";
import type { Task, TaskAction } from "../lib/types";
import type { WorkspaceContextValue } from "./context";
import type { MaskletActions } from "./useMaskletActions";
import type { WorkspaceData } from "./useWorkspaceData";
import type { Say } from "./useWorkspaceState";

export type ReviewActions = ReturnType<typeof useReviewActions>;

const DONE: Record<TaskAction, string> = { start: "started", submit: "submitted", accept: "accepted", reject: "rejected" };

/** Review: verify or reject objects (then step to the next), task transitions, and issues. */
export function useReviewActions(
  ws: WorkspaceContextValue,
  data: WorkspaceData,
  masklets: MaskletActions,
  task: { task: Task | null; setTask: (t: Task) => void },
  say: Say,
) {
  const { state, dispatch, video } = ws;
  const { issues } = data;

  const verify = async (id: number) => {
    if (await masklets.patch(id, { status: "verified" }, "Verified")) masklets.step(1);
  };

  const reject = async (id: number, reason: string) => {
    if (await masklets.patch(id, { status: "rejected", comment: reason }, "Rejected")) masklets.step(1);
  };

  const transition = async (action: TaskAction, comment: string) => {
    if (!task.task) return;
    try {
      task.setTask(await api.transition(task.task.id, action, comment));
      say(`Task ${DONE[action]}`);
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };

  const createIssue = async (text: string) => {
    if (!state.pendingIssue) return;
    try {
      await api.createIssue(video.id, { frame: state.frame, masklet: state.selected, position: state.pendingIssue, text });
      dispatch({ type: "placeIssue", position: null });
      await issues.reload();
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };

  const issueCall = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await issues.reload();
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };

  return {
    verify: (id: number) => void verify(id),
    reject: (id: number, reason: string) => void reject(id, reason),
    step: masklets.step,
    transition: (action: TaskAction, comment: string): Promise<void> => transition(action, comment),
    createIssue: (text: string) => void createIssue(text),
    resolveIssue: (id: number) => void issueCall(() => api.resolveIssue(id)),
    commentIssue: (id: number, text: string) => void issueCall(() => api.commentIssue(id, text)),
  };
}

import { useCallback, useEffect, useRef, useState } from "react";
import { asApiError } from "../hooks";
import { api } from "../lib/endpoints";
import type { Task, TaskActivity } from "../lib/types";
import type { ActivityFeed } from "./ActivityPanel";

/**
 * The task's activity feed, kept live: every `review.changed` event about the task makes
 * useWorkspaceEvents fetch the task again, and each new task object fetches the feed again
 * (a comment, a transition, a reassignment all publish that event).
 */
export function useTaskActivity(task: Task | null, canSee: boolean): ActivityFeed | null {
  const [entries, setEntries] = useState<TaskActivity[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const taskId = task?.id ?? null;
  const reload = useCallback(() => {
    if (taskId === null || !canSee) return;
    const mine = ++seq.current;
    api.taskActivity(taskId).then(
      (got) => mine === seq.current && (setEntries(got), setError(null)),
      (e: unknown) => mine === seq.current && setError(asApiError(e).fullMessage),
    );
  }, [taskId, canSee]);
  useEffect(reload, [reload, task]);
  return taskId !== null && canSee ? { entries, error, reload } : null;
}

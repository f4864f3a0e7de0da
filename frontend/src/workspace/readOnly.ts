import type { Role, Task } from "../lib/types";

/**
 * Why this person cannot edit masks here right now, or null when they can. The server's policy
 * (annotation/permissions.py:can_annotate) refuses the same edits; saying so up front keeps the
 * tools disabled instead of failing with a 403.
 */
export function readOnlyReason(opts: {
  role: Role | null;
  task: Task | null;
  meId: number | null;
  frame: number;
  taskRange: [number, number] | null;
}): string | null {
  const { role, task, meId, frame, taskRange } = opts;
  if (role === "manager") return null; // managers edit everywhere in their project
  if (!task) {
    if (role === "reviewer") return "you review this project";
    return null; // an annotator's right depends on their tasks: the server decides
  }
  const assignee = meId !== null && task.assignee === meId;
  const reviewer = meId !== null && task.reviewer === meId;
  if (!assignee) return reviewer ? "you review this task" : "you are not this task's annotator";
  if (task.state === "submitted") return "submitted for review";
  if (task.state === "accepted") return "accepted: the task is closed";
  if (taskRange && (frame < taskRange[0] || frame > taskRange[1])) return "outside your task's frames";
  return null;
}

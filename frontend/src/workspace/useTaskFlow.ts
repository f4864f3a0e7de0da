import { useEffect, useRef, type Dispatch } from "react";
import type { Task, TaskAction } from "../lib/types";
import type { CanvasHandlers, Tool } from "./MaskCanvas";
import type { WorkspaceAction } from "./state";
import type { Say } from "./useWorkspaceState";

const EDITING_TOOLS: Tool[] = ["positive", "negative", "box", "brush", "eraser"];

/** The assignee's first edit on a "new" task starts it (new → in progress), so its state says work began. */
export function useAutoStart(task: Task | null, isAssignee: boolean, edited: boolean, transition: (a: TaskAction, c: string) => Promise<void>) {
  const asked = useRef<number | null>(null);
  useEffect(() => {
    if (!task || !isAssignee || task.state !== "new" || !edited || asked.current === task.id) return;
    asked.current = task.id;
    void transition("start", "");
  }, [task, isAssignee, edited, transition]);
}

/** Read-only: the editing tools do nothing but say why; the issue tool and panning still work. */
export function useReadOnlyTools(reason: string | null, tool: Tool, dispatch: Dispatch<WorkspaceAction>, handlers: CanvasHandlers, say: Say): CanvasHandlers {
  useEffect(() => {
    if (reason && EDITING_TOOLS.includes(tool)) dispatch({ type: "setTool", tool: "pan" });
  }, [reason, tool, dispatch]);
  if (!reason) return handlers;
  const refuse = () => say(`Read-only: ${reason}.`, true);
  return { ...handlers, onClick: refuse, onBox: refuse, onStroke: refuse };
}

export function isEditingTool(tool: Tool): boolean {
  return EDITING_TOOLS.includes(tool);
}

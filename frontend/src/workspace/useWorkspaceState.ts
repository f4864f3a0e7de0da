import { useCallback, useEffect, useReducer } from "react";
import type { Label, Task, Video } from "../lib/types";
import { initialFrame, initialWorkspaceState, workspaceReducer } from "./state";

/**
 * The workspace reducer, with its two effects: a message disappears after a while (errors stay
 * longer), and the address keeps ?frame= so that a link shows the same frame.
 */
export function useWorkspaceState(video: Video, task: Task | null, labels: Label[]) {
  const [state, dispatch] = useReducer(workspaceReducer, null, () =>
    initialWorkspaceState({
      frameCount: video.frame_count,
      frame: initialFrame(window.location.search, video.frame_count, task ? task.frame_start : null),
      currentLabel: labels[0]?.id ?? null,
    }),
  );

  const say = useCallback((text: string, error = false) => dispatch({ type: "say", text, error }), []);

  const { message, frame } = state;
  useEffect(() => {
    if (!message) return;
    const t = window.setTimeout(() => dispatch({ type: "clearMessage" }), message.error ? 8000 : 3000);
    return () => window.clearTimeout(t);
  }, [message]);

  // debounced replaceState
  useEffect(() => {
    const t = window.setTimeout(() => {
      const url = new URL(window.location.href);
      url.searchParams.set("frame", String(frame));
      window.history.replaceState(null, "", url.pathname + url.search);
    }, 300);
    return () => window.clearTimeout(t);
  }, [frame]);

  return { state, dispatch, say };
}

export type Say = (text: string, error?: boolean) => void;

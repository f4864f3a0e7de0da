import { useEffect, useRef } from "react";

import { api } from "../lib/endpoints";

/** At most one heartbeat per this many ms: enough for the 60 s pause rule, light on the server. */
export const HEARTBEAT_MS = 15_000;

/** Tell the server the person is looking at frames (POST /api/videos/{id}/activity/) when the frame
 * changes, so time spent scrubbing and checking without clicking counts as active time in the
 * effort analytics. Clicks, edits and propagations are logged by the server where they happen. */
export function useActivityHeartbeat(videoId: number, frame: number): void {
  const lastSent = useRef(0);
  useEffect(() => {
    const now = Date.now();
    if (now - lastSent.current < HEARTBEAT_MS || document.visibilityState === "hidden") return;
    lastSent.current = now;
    api.activity(videoId, frame).catch(() => {
      lastSent.current = 0; // analytics only: never disturb the workspace, try again on the next frame
    });
  }, [videoId, frame]);
}

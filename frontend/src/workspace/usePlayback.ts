import { useEffect, useRef, useState } from "react";
import type { WorkspaceAction } from "./state";

/**
 * Playback: while `playing`, step one frame every 1 / (fps × speed) seconds, on animation frames.
 * A frame is shown only once `isReady` says its image and masks are in (prefetched ahead by
 * useFrames and useMasks), so masks are always drawn with their frame; until then playback
 * holds (`buffering`). Stops on the last frame. Stepping keys keep working while it plays.
 */
export function usePlayback(opts: {
  playing: boolean;
  speed: number;
  fps: number;
  frame: number;
  frameCount: number;
  isReady: (frame: number) => boolean;
  dispatch: (a: WorkspaceAction) => void;
}): { buffering: boolean } {
  const ref = useRef(opts);
  ref.current = opts;
  const [buffering, setBuffering] = useState(false);
  const { playing } = opts;

  useEffect(() => {
    if (!playing) {
      setBuffering(false);
      return;
    }
    let raf = 0;
    let due = performance.now();
    let waiting = false;
    const tick = (now: number) => {
      const o = ref.current;
      const interval = 1000 / Math.max(1, (o.fps || 24) * o.speed);
      if (now >= due) {
        const next = o.frame + 1;
        if (next >= o.frameCount) {
          o.dispatch({ type: "setPlaying", playing: false });
          return;
        }
        if (o.isReady(next)) {
          o.dispatch({ type: "seek", frame: next });
          // keep the cadence, but never try to catch up more than one frame after a stall
          due = Math.max(due + interval, now);
          if (waiting) setBuffering((waiting = false));
        } else if (!waiting) setBuffering((waiting = true));
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing]);

  return { buffering };
}

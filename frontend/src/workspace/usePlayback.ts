import { useEffect, useRef, useState } from "react";
import type { WorkspaceAction } from "./state";

/**
 * Playback: while `playing`, step one frame every 1 / (fps × speed) seconds, on animation frames.
 * A frame is shown only once `isReady` says its image and masks are in (prefetched ahead by
 * useFrames and useMasks) and the frame before it was drawn, so every frame is shown with its
 * masks; until then playback holds (`buffering`). Stops on the last frame. Stepping keys keep working while it plays.
 */
export function usePlayback(opts: {
  playing: boolean;
  speed: number;
  fps: number;
  frame: number;
  frameCount: number;
  isReady: (frame: number) => boolean;
  dispatch: (a: WorkspaceAction) => void;
}): { buffering: boolean; onDrawn: (frame: number) => void } {
  // the last frame the canvas drew complete: the next one is shown only after this one was
  const drawn = useRef(-1);
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
        if (drawn.current !== o.frame) {
          // the frame shown is not painted yet: wait for it (no frame is skipped)
        } else if (o.isReady(next)) {
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

  return { buffering, onDrawn: (f: number) => void (drawn.current = f) };
}

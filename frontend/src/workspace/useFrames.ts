import { useEffect, useMemo, useState } from "react";
import { api } from "../lib/endpoints";
import { LruCache } from "../lib/lru";
import { FrameCache } from "../lib/prefetch";

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.decoding = "async";
    img.onload = () => {
      // decode() off the main thread where supported, so drawing never stalls on it
      if (img.decode) img.decode().then(() => resolve(img), () => resolve(img));
      else resolve(img);
    };
    img.onerror = () => reject(new Error(`frame image failed: ${url}`));
    img.src = url;
  });
}

/**
 * The image of the current frame, with frames ahead and behind prefetched into a bounded
 * cache of decoded Image objects. While a frame loads the previous image stays on screen.
 */
export function useFrames(videoId: number, frameCount: number, frame: number, wantFull = false) {
  const cache = useMemo(
    () =>
      new FrameCache<HTMLImageElement>({
        load: (f) => loadImage(api.frameUrl(videoId, f)),
        capacity: 160,
        concurrency: 4,
        ahead: 30,
        behind: 10,
      }),
    [videoId],
  );
  const [shown, setShown] = useState<{ frame: number; image: HTMLImageElement } | null>(null);
  const [failed, setFailed] = useState<number | null>(null);

  useEffect(() => {
    let alive = true;
    const hit = cache.get(frame);
    if (hit) {
      setShown({ frame, image: hit });
      setFailed(null);
      cache.setWindow(frame, frameCount);
    } else {
      // the frame to show first, then the window around it (prefetching it all at once would
      // compete with the one frame the screen waits for)
      cache
        .load(frame)
        .then((image) => {
          if (alive) {
            setShown({ frame, image });
            setFailed(null);
          }
        })
        .catch(() => alive && setFailed(frame))
        .finally(() => alive && cache.setWindow(frame, frameCount));
    }
    return () => {
      alive = false;
    };
  }, [cache, frame, frameCount]);

  // zoomed in past the display frames' resolution: the original frame, for the current frame only
  const fullCache = useMemo(() => new LruCache<number, HTMLImageElement>(6), [videoId]);
  const [full, setFull] = useState<{ frame: number; image: HTMLImageElement } | null>(null);
  useEffect(() => {
    if (!wantFull) return;
    let alive = true;
    const hit = fullCache.get(frame);
    if (hit) setFull({ frame, image: hit });
    else
      loadImage(api.frameUrl(videoId, frame, true))
        .then((image) => {
          fullCache.set(frame, image);
          if (alive) setFull({ frame, image });
        })
        .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [wantFull, frame, videoId, fullCache]);

  const useFull = wantFull && full !== null && full.frame === frame;
  // a frame already in the cache is shown in this very render (playback: no "loading" flash)
  const cached = useFull ? undefined : cache.get(frame);
  return {
    image: useFull ? full.image : cached ?? shown?.image ?? null,
    imageFrame: useFull ? full.frame : cached ? frame : shown?.frame ?? null,
    failed: failed === frame,
    cache,
  };
}

/**
 * Frame prefetching: keep decoded frame images for a window around the current frame so that
 * scrubbing never waits on the network. The loader is injected (Image objects in the app,
 * fakes in tests).
 */
import { LruCache } from "./lru";

/** Frames to have ready, nearest first, leaning ahead: current, +1, -1, +2, -2, ... */
export function prefetchOrder(current: number, frameCount: number, ahead: number, behind: number): number[] {
  if (frameCount <= 0) return [];
  const c = Math.min(frameCount - 1, Math.max(0, current));
  const out = [c];
  const reach = Math.max(ahead, behind);
  for (let d = 1; d <= reach; d++) {
    if (d <= ahead && c + d < frameCount) out.push(c + d);
    if (d <= behind && c - d >= 0) out.push(c - d);
  }
  return out;
}

export interface FrameCacheOptions<T> {
  load: (frame: number) => Promise<T>;
  capacity: number;
  concurrency: number;
  ahead: number;
  behind: number;
  onLoaded?: (frame: number, value: T) => void;
}

/** Bounded cache of loaded frames with a small pool of concurrent loads. */
export class FrameCache<T> {
  private readonly opts: FrameCacheOptions<T>;
  private readonly cache: LruCache<number, T>;
  private readonly inflight = new Map<number, Promise<T>>();
  private queue: number[] = [];
  private frameCount = 0;
  private active = 0;

  constructor(opts: FrameCacheOptions<T>) {
    if (opts.capacity < opts.ahead + opts.behind + 1) throw new Error("capacity must hold the whole prefetch window");
    this.opts = opts;
    this.cache = new LruCache(opts.capacity);
  }

  get(frame: number): T | undefined {
    return this.cache.get(frame);
  }

  has(frame: number): boolean {
    return this.cache.has(frame);
  }

  get pending(): number {
    return this.queue.length + this.active;
  }

  /** Load one frame now (ahead of the queue). */
  load(frame: number): Promise<T> {
    const hit = this.cache.get(frame);
    if (hit !== undefined) return Promise.resolve(hit);
    const running = this.inflight.get(frame);
    if (running) return running;
    const p = this.opts
      .load(frame)
      .then((v) => {
        this.cache.set(frame, v);
        this.opts.onLoaded?.(frame, v);
        return v;
      })
      .finally(() => {
        this.inflight.delete(frame);
      });
    this.inflight.set(frame, p);
    return p;
  }

  /** Make the window around `current` the only thing queued (older requests are dropped). */
  setWindow(current: number, frameCount: number): void {
    this.frameCount = frameCount;
    const wanted = prefetchOrder(current, frameCount, this.opts.ahead, this.opts.behind);
    // refresh recency of frames already held so the LRU keeps the window
    for (const f of [...wanted].reverse()) this.cache.get(f);
    this.queue = wanted.filter((f) => !this.cache.has(f) && !this.inflight.has(f));
    this.pump();
  }

  private pump(): void {
    while (this.active < this.opts.concurrency && this.queue.length > 0) {
      const f = this.queue.shift() as number;
      if (f >= this.frameCount || this.cache.has(f) || this.inflight.has(f)) continue;
      this.active++;
      this.load(f)
        .catch(() => undefined) // a failed prefetch is retried when the frame is shown
        .finally(() => {
          this.active--;
          this.pump();
        });
    }
  }
}

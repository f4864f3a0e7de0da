import { describe, expect, it } from "vitest";
import { FrameCache, prefetchOrder } from "./prefetch";

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("prefetch window", () => {
  it("orders nearest first, leaning ahead", () => {
    expect(prefetchOrder(10, 100, 3, 2)).toEqual([10, 11, 9, 12, 8, 13]);
  });

  it("clamps to the video", () => {
    expect(prefetchOrder(0, 5, 3, 3)).toEqual([0, 1, 2, 3]);
    expect(prefetchOrder(4, 5, 3, 3)).toEqual([4, 3, 2, 1]);
    expect(prefetchOrder(99, 5, 1, 1)).toEqual([4, 3]);
    expect(prefetchOrder(0, 0, 3, 3)).toEqual([]);
  });
});

describe("FrameCache", () => {
  function fake() {
    const calls: number[] = [];
    const resolvers = new Map<number, (v: string) => void>();
    const load = (f: number) =>
      new Promise<string>((resolve) => {
        calls.push(f);
        resolvers.set(f, resolve);
      });
    return { calls, resolvers, load };
  }

  it("loads the window with bounded concurrency and caches results", async () => {
    const f = fake();
    const cache = new FrameCache({ load: f.load, capacity: 10, concurrency: 2, ahead: 2, behind: 1 });
    cache.setWindow(5, 100);
    expect(f.calls).toEqual([5, 6]);
    f.resolvers.get(5)!("img5");
    await tick();
    await tick();
    expect(f.calls).toEqual([5, 6, 4]);
    expect(cache.get(5)).toBe("img5");
    for (const [k, r] of f.resolvers) r(`img${k}`);
    await tick();
    await tick();
    for (const [k, r] of f.resolvers) r(`img${k}`);
    await tick();
    await tick();
    expect(f.calls.sort((a, b) => a - b)).toEqual([4, 5, 6, 7]);
    expect(cache.has(7)).toBe(true);
    expect(cache.pending).toBe(0);
  });

  it("drops stale queued frames when the window moves", async () => {
    const f = fake();
    const cache = new FrameCache({ load: f.load, capacity: 10, concurrency: 1, ahead: 3, behind: 0 });
    cache.setWindow(0, 100);
    cache.setWindow(50, 100);
    f.resolvers.get(0)!("a");
    await tick();
    await tick();
    expect(f.calls).toEqual([0, 50]);
  });

  it("shares one request for a frame asked twice and stays bounded", async () => {
    let n = 0;
    const cache = new FrameCache({ load: async (fr) => { n++; return fr; }, capacity: 3, concurrency: 4, ahead: 1, behind: 1 });
    const [a, b] = await Promise.all([cache.load(1), cache.load(1)]);
    expect(a).toBe(1);
    expect(b).toBe(1);
    expect(n).toBe(1);
    for (let i = 0; i < 10; i++) await cache.load(i);
    expect(cache.has(9)).toBe(true);
    expect(cache.has(0)).toBe(false);
  });

  it("refuses a capacity smaller than the window", () => {
    expect(() => new FrameCache({ load: async () => 1, capacity: 2, concurrency: 1, ahead: 2, behind: 2 })).toThrow();
  });
});

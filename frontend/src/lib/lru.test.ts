import { describe, expect, it } from "vitest";
import { LruCache } from "./lru";

describe("LruCache", () => {
  it("evicts the least recently used entry", () => {
    const evicted: string[] = [];
    const c = new LruCache<string, number>(2, (k) => evicted.push(k));
    c.set("a", 1);
    c.set("b", 2);
    expect(c.get("a")).toBe(1);
    c.set("c", 3);
    expect(evicted).toEqual(["b"]);
    expect(c.keys()).toEqual(["a", "c"]);
    c.deleteWhere((k) => k === "a");
    expect(c.size).toBe(1);
    expect(c.peek("c")).toBe(3);
  });

  it("bounds by weight when asked, always keeping the newest entry", () => {
    const c = new LruCache<string, Uint8Array>(10, undefined, (v) => v.length);
    c.set("a", new Uint8Array(4));
    c.set("b", new Uint8Array(4));
    expect(c.weight).toBe(8);
    c.set("c", new Uint8Array(4));
    expect(c.keys()).toEqual(["b", "c"]);
    c.set("huge", new Uint8Array(50));
    expect(c.keys()).toEqual(["huge"]);
    c.delete("huge");
    expect(c.weight).toBe(0);
  });
});

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
});

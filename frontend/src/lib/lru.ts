/**
 * A bounded map that forgets the least recently used entry first. The bound counts entries, or
 * their weight (bytes, say) when `weigh` is given; the newest entry is always kept.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  private readonly capacity: number;
  private readonly onEvict: ((key: K, value: V) => void) | undefined;
  private readonly weigh: (value: V) => number;
  private total = 0;

  constructor(capacity: number, onEvict?: (key: K, value: V) => void, weigh?: (value: V) => number) {
    if (capacity < 1) throw new Error("capacity must be at least 1");
    this.capacity = capacity;
    this.onEvict = onEvict;
    this.weigh = weigh ?? (() => 1);
  }

  get size(): number {
    return this.map.size;
  }

  /** Sum of the weights held (the entry count without `weigh`). */
  get weight(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Look without touching recency. */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.delete(key);
    this.map.set(key, value);
    this.total += this.weigh(value);
    while (this.total > this.capacity && this.map.size > 1) {
      const oldest = this.map.keys().next().value as K;
      const ov = this.map.get(oldest) as V;
      this.delete(oldest);
      this.onEvict?.(oldest, ov);
    }
  }

  delete(key: K): boolean {
    const v = this.map.get(key);
    if (v === undefined) return false;
    this.total -= this.weigh(v);
    return this.map.delete(key);
  }

  deleteWhere(pred: (key: K) => boolean): void {
    for (const k of [...this.map.keys()]) if (pred(k)) this.delete(k);
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  keys(): K[] {
    return [...this.map.keys()];
  }
}

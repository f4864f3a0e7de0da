/**
 * Client-side store of masks (RLE as the server sent them) for a bounded set of frame chunks
 * around where the user works, with lazily decoded bitmaps in a bounded LRU keyed by
 * (masklet, frame, version): only frames on screen are ever decoded.
 */
import { LruCache } from "./lru";
import { decodeRleCrop, type Crop } from "./rle";
import type { StoredMask } from "./types";

/** A decoded mask: only its bounding box is held (see rle.ts Crop). */
export type Decoded = Crop;

export const CHUNK = 32;

export function chunkOf(frame: number): number {
  return Math.floor(frame / CHUNK);
}

export function chunkRange(chunk: number, frameCount: number): [number, number] {
  return [chunk * CHUNK, Math.min(frameCount - 1, chunk * CHUNK + CHUNK - 1)];
}

/**
 * Chunks to have loaded for the current frame: its own, then `ahead` next ones (1, or more while
 * playing), then the previous one.
 */
export function chunksAround(frame: number, frameCount: number, ahead = 1): number[] {
  const c = chunkOf(frame);
  const last = chunkOf(Math.max(0, frameCount - 1));
  const next = Array.from({ length: Math.max(0, ahead) }, (_, i) => c + 1 + i);
  return [c, ...next, c - 1].filter((x) => x >= 0 && x <= last);
}

const key = (masklet: number, frame: number) => `${masklet}:${frame}`;

export class MaskStore {
  private readonly masks = new Map<string, StoredMask>();
  private readonly byFrame = new Map<number, Set<number>>();
  private readonly chunks: LruCache<number, true>;
  private readonly decoded: LruCache<string, Decoded>;
  /** bumps on every change; React components use it to redraw */
  revision = 0;

  /** `decodedBytes` bounds the memory of decoded crops (bytes of mask pixels). */
  constructor(maxChunks = 12, decodedBytes = 192 * 1024 * 1024) {
    this.chunks = new LruCache<number, true>(maxChunks, (chunk) => this.forgetChunk(chunk));
    this.decoded = new LruCache<string, Decoded>(decodedBytes, undefined, (d) => d.data.length + 64);
  }

  isChunkLoaded(chunk: number): boolean {
    return this.chunks.has(chunk);
  }

  /** Store a fetched window; frames in [start, end] without a mask in `masks` are known empty. */
  setChunk(chunk: number, masks: readonly StoredMask[]): void {
    const [lo, hi] = [chunk * CHUNK, chunk * CHUNK + CHUNK - 1];
    for (let f = lo; f <= hi; f++) {
      for (const m of [...(this.byFrame.get(f) ?? [])]) this.remove(m, f);
    }
    for (const m of masks) this.put(m);
    this.chunks.set(chunk, true);
    this.revision++;
  }

  touchChunk(chunk: number): void {
    this.chunks.get(chunk);
  }

  /** Add or replace one mask unless we already hold a newer version. Returns whether it changed. */
  put(mask: StoredMask): boolean {
    const k = key(mask.masklet, mask.frame);
    const old = this.masks.get(k);
    if (old && old.version > mask.version) return false;
    if (old && old.version === mask.version && old.rle.counts === mask.rle.counts) return false;
    this.masks.set(k, mask);
    let set = this.byFrame.get(mask.frame);
    if (!set) this.byFrame.set(mask.frame, (set = new Set()));
    set.add(mask.masklet);
    this.revision++;
    return true;
  }

  /** Replace a mask whatever its version (the user chose the server's copy, or an optimistic edit). */
  force(mask: StoredMask): void {
    this.masks.set(key(mask.masklet, mask.frame), mask);
    let set = this.byFrame.get(mask.frame);
    if (!set) this.byFrame.set(mask.frame, (set = new Set()));
    set.add(mask.masklet);
    this.revision++;
  }

  get(masklet: number, frame: number): StoredMask | undefined {
    return this.masks.get(key(masklet, frame));
  }

  remove(masklet: number, frame: number): void {
    this.masks.delete(key(masklet, frame));
    this.byFrame.get(frame)?.delete(masklet);
    this.revision++;
  }

  removeMasklet(masklet: number): void {
    for (const [f, set] of this.byFrame) if (set.delete(masklet)) this.masks.delete(key(masklet, f));
    this.decoded.deleteWhere((k) => k.startsWith(`${masklet}:`));
    this.revision++;
  }

  masksOnFrame(frame: number): StoredMask[] {
    const ids = this.byFrame.get(frame);
    if (!ids) return [];
    const out: StoredMask[] = [];
    for (const id of ids) {
      const m = this.masks.get(key(id, frame));
      if (m) out.push(m);
    }
    return out;
  }

  /** Decoded bitmap of a stored mask, decoding on first use. */
  decode(mask: StoredMask): Decoded {
    const k = `${mask.masklet}:${mask.frame}:${mask.version}:${mask.rle.counts.length}`;
    let d = this.decoded.get(k);
    if (!d) {
      d = decodeRleCrop(mask.rle);
      this.decoded.set(k, d);
    }
    return d;
  }

  get decodedCount(): number {
    return this.decoded.size;
  }

  clear(): void {
    this.masks.clear();
    this.byFrame.clear();
    this.chunks.clear();
    this.decoded.clear();
    this.revision++;
  }

  private forgetChunk(chunk: number): void {
    for (let f = chunk * CHUNK; f < chunk * CHUNK + CHUNK; f++) {
      const set = this.byFrame.get(f);
      if (!set) continue;
      for (const m of set) this.masks.delete(key(m, f));
      this.byFrame.delete(f);
    }
  }
}

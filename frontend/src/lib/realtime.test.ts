import { describe, expect, it } from "vitest";
import { RealtimeClient, Throttle, backoffDelay, parseEvent, videoSocketUrl, type Timers } from "./realtime";

function fakeTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++seq;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => {
      pending.delete(id as number);
    },
  };
  const advance = (ms: number) => {
    const target = now + ms;
    for (;;) {
      const next = [...pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      pending.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = target;
  };
  return { timers, advance, pending };
}

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(public url: string) {
    FakeSocket.all.push(this);
  }
  send(d: string) {
    this.sent.push(d);
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

describe("realtime helpers", () => {
  it("backs off exponentially with a cap and jitter", () => {
    expect(backoffDelay(0, 500, 15000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 15000, () => 1)).toBe(4000);
    expect(backoffDelay(10, 500, 15000, () => 1)).toBe(15000);
    expect(backoffDelay(10, 500, 15000, () => 0)).toBe(7500);
  });

  it("parses known events and ignores the rest", () => {
    expect(parseEvent('{"type":"mask.updated","masklet":3,"frames":[1,2],"versions":[4,4]}')).toEqual({
      type: "mask.updated",
      masklet: 3,
      frames: [1, 2],
      versions: [4, 4],
      areas: [],
    });
    expect(parseEvent('{"type":"mask.updated","masklet":3,"frames":[1],"versions":[2],"areas":[50]}')).toMatchObject({ areas: [50] });
    expect(parseEvent('{"type":"presence","users":[]}')).toEqual({ type: "presence", users: [] });
    expect(parseEvent('{"type":"nope"}')).toBeNull();
    expect(parseEvent("not json")).toBeNull();
    expect(parseEvent('{"type":"mask.updated"}')).toBeNull();
  });

  it("builds the socket URL from the page location", () => {
    expect(videoSocketUrl(7, { protocol: "https:", host: "a.b" })).toBe("wss://a.b/ws/videos/7/");
    expect(videoSocketUrl(7, { protocol: "http:", host: "localhost:8000" })).toBe("ws://localhost:8000/ws/videos/7/");
  });

  it("throttles with leading and trailing calls", () => {
    const { timers, advance } = fakeTimers();
    const out: number[] = [];
    const t = new Throttle<number>(100, (v) => out.push(v), timers);
    t.call(1);
    t.call(2);
    t.call(3);
    expect(out).toEqual([1]);
    advance(100);
    expect(out).toEqual([1, 3]);
    advance(500);
    t.call(4);
    expect(out).toEqual([1, 3, 4]);
  });
});

describe("RealtimeClient", () => {
  it("delivers events, sends presence, and reconnects with backoff", () => {
    FakeSocket.all = [];
    const { timers, advance } = fakeTimers();
    const events: unknown[] = [];
    const statuses: string[] = [];
    let reconnects = 0;
    const c = new RealtimeClient({
      url: "ws://x/ws/videos/1/",
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s),
      onReconnect: () => reconnects++,
      createSocket: (u) => new FakeSocket(u),
      timers,
      random: () => 1,
      presenceInterval: 200,
    });
    c.start();
    c.setFrame(4); // not open yet: remembered, sent on open
    const s1 = FakeSocket.all[0];
    s1.open();
    expect(s1.sent).toEqual(['{"type":"presence","frame":4}']);
    s1.onmessage?.({ data: '{"type":"job.finished","job":9,"kind":"propagate","status":"succeeded"}' });
    expect(events).toHaveLength(1);

    s1.drop();
    expect(FakeSocket.all).toHaveLength(1);
    advance(499);
    expect(FakeSocket.all).toHaveLength(1);
    advance(1);
    const s2 = FakeSocket.all[1];
    s2.drop(); // second failure waits longer
    advance(999);
    expect(FakeSocket.all).toHaveLength(2);
    advance(1);
    const s3 = FakeSocket.all[2];
    c.setFrame(9);
    s3.open();
    expect(s3.sent).toEqual(['{"type":"presence","frame":9}']);
    expect(reconnects).toBe(1);
    expect(statuses).toContain("reconnecting");
    c.stop();
    expect(statuses[statuses.length - 1]).toBe("closed");
  });

  it.each([
    [4403, "forbidden"],
    [4401, "unauthorized"],
  ])("stops reconnecting when the server closes with %i", (code, status) => {
    FakeSocket.all = [];
    const { timers, advance, pending } = fakeTimers();
    const statuses: string[] = [];
    const c = new RealtimeClient({ url: "u", onEvent: () => {}, onStatus: (s) => statuses.push(s), createSocket: (u) => new FakeSocket(u), timers });
    c.start();
    // The server accepts the socket, then closes it with its code.
    FakeSocket.all[0].open();
    c.setFrame(2);
    FakeSocket.all[0].drop(code);
    advance(600000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(statuses[statuses.length - 1]).toBe(status);
    expect(pending.size).toBe(0); // no reconnect, no heartbeat left behind
  });

  it("keeps reconnecting after other close codes", () => {
    FakeSocket.all = [];
    const { timers, advance } = fakeTimers();
    const c = new RealtimeClient({ url: "u", onEvent: () => {}, createSocket: (u) => new FakeSocket(u), timers, random: () => 1 });
    c.start();
    for (const code of [1006, 1011, 1001, 4000]) {
      FakeSocket.all[FakeSocket.all.length - 1].drop(code);
      advance(15000);
    }
    expect(FakeSocket.all).toHaveLength(5);
    c.stop();
  });

  it("sends the current frame as a heartbeat after silence, and only then", () => {
    FakeSocket.all = [];
    const { timers, advance, pending } = fakeTimers();
    const c = new RealtimeClient({ url: "u", onEvent: () => {}, createSocket: (u) => new FakeSocket(u), timers, presenceInterval: 100, heartbeatInterval: 15000 });
    c.start();
    const s = FakeSocket.all[0];
    s.open();
    advance(14999);
    expect(s.sent).toEqual([]);
    advance(1);
    expect(s.sent).toEqual(['{"type":"presence","frame":null}']); // before any frame is known
    c.setFrame(3);
    advance(10000);
    c.setFrame(4); // a move resets the silence
    advance(14999);
    expect(s.sent).toEqual(['{"type":"presence","frame":null}', '{"type":"presence","frame":3}', '{"type":"presence","frame":4}']);
    advance(1);
    advance(15000);
    expect(s.sent.slice(3)).toEqual(['{"type":"presence","frame":4}', '{"type":"presence","frame":4}']);
    s.drop(1006); // no heartbeat on a closed socket
    expect([...pending.values()]).toHaveLength(1); // only the reconnect
    c.stop();
    expect(pending.size).toBe(0);
  });

  it("passes error and membership events on", () => {
    expect(parseEvent('{"type":"error","detail":"too many messages"}')).toEqual({ type: "error", detail: "too many messages" });
    expect(parseEvent('{"type":"error"}')).toBeNull();
    expect(parseEvent('{"type":"membership.changed","video":1,"project":2,"role":"reviewer"}')).toMatchObject({ role: "reviewer" });
  });
});

/**
 * The video's WebSocket (ws(s)://host/ws/videos/{id}/, session cookie auth): typed events,
 * reconnect with exponential backoff and jitter, and throttled presence updates that are sent
 * again after every reconnect. The presence message is also the heartbeat: the server forgets a
 * socket silent for 60 s, so the client sends its frame again after 15 s without sending.
 * A socket closed with 4401 (no or bad credentials) or 4403 (not a member, unknown video) is
 * not reconnected: trying again cannot help.
 */
import type { MaskUpdatedEvent, RealtimeEvent } from "../api/events";

/** The server's events, generated from annotation/realtime/events.py (`make api-types`). */
export type { PresenceUser, RealtimeEvent } from "../api/events";

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "closed" | "forbidden" | "unauthorized";

/** Close codes after which the client stops (annotation/realtime/auth.py). */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const HEARTBEAT_INTERVAL = 15000;

/** Every event type the app takes; the Record makes the compiler check it against the union. */
const EVENT_TYPES: Record<RealtimeEvent["type"], true> = {
  presence: true,
  "mask.updated": true,
  "masklet.changed": true,
  "job.progress": true,
  "job.finished": true,
  "review.changed": true,
  "qa.updated": true,
  "video.changed": true,
  "membership.changed": true,
  error: true,
};
export const REALTIME_EVENT_TYPES: readonly string[] = Object.keys(EVENT_TYPES);

function isEventType(type: string): type is RealtimeEvent["type"] {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPES, type);
}

/** Parse one server message; unknown or malformed messages give null (and are ignored). */
export function parseEvent(data: unknown): RealtimeEvent | null {
  if (typeof data !== "string") return null;
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return null;
  }
  if (!msg || typeof msg !== "object") return null;
  const m = msg as Record<string, unknown>;
  if (typeof m.type !== "string" || !isEventType(m.type)) return null;
  switch (m.type) {
    case "presence":
      return Array.isArray(m.users) ? (m as unknown as RealtimeEvent) : null;
    case "mask.updated":
      if (typeof m.masklet !== "number" || !Array.isArray(m.frames)) return null;
      return {
        ...m,
        versions: Array.isArray(m.versions) ? m.versions : [],
        areas: Array.isArray(m.areas) ? m.areas : [],
      } as unknown as MaskUpdatedEvent;
    case "error":
      return typeof m.detail === "string" ? (m as unknown as RealtimeEvent) : null;
    default:
      return m as unknown as RealtimeEvent;
  }
}

/** Delay before reconnect attempt `attempt` (0-based): exponential, capped, with jitter in [50%, 100%]. */
export function backoffDelay(attempt: number, base = 500, max = 15000, random: () => number = Math.random): number {
  const exp = Math.min(max, base * 2 ** Math.min(attempt, 20));
  return Math.round(exp * (0.5 + random() / 2));
}

export interface Timers {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (id: unknown) => void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** Leading and trailing throttle: the first call goes out at once, the last one within `interval`. */
export class Throttle<T> {
  private last = -Infinity;
  private timer: unknown = null;
  private pending: { value: T } | null = null;
  private readonly interval: number;
  private readonly fn: (value: T) => void;
  private readonly timers: Timers;

  constructor(interval: number, fn: (value: T) => void, timers: Timers = realTimers) {
    this.interval = interval;
    this.fn = fn;
    this.timers = timers;
  }

  call(value: T): void {
    const now = this.timers.now();
    const wait = this.last + this.interval - now;
    if (wait <= 0 && this.timer === null) {
      this.last = now;
      this.fn(value);
      return;
    }
    this.pending = { value };
    if (this.timer === null) {
      this.timer = this.timers.setTimeout(() => this.flush(), Math.max(0, wait));
    }
  }

  private flush(): void {
    this.timer = null;
    if (this.pending) {
      const { value } = this.pending;
      this.pending = null;
      this.last = this.timers.now();
      this.fn(value);
    }
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}

export function videoSocketUrl(videoId: number, loc: { protocol: string; host: string } = window.location): string {
  const scheme = loc.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${loc.host}/ws/videos/${videoId}/`;
}

interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
}

export interface RealtimeOptions {
  url: string;
  onEvent: (e: RealtimeEvent) => void;
  onStatus?: (s: ConnectionStatus) => void;
  /** called after a reconnect, so the app can refetch what it may have missed */
  onReconnect?: () => void;
  createSocket?: (url: string) => SocketLike;
  timers?: Timers;
  random?: () => number;
  presenceInterval?: number;
  /** ms without sending after which the current frame is sent again (the presence heartbeat) */
  heartbeatInterval?: number;
}

const OPEN = 1;

export class RealtimeClient {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private stopped = true;
  private everOpened = false;
  private retryTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private frame: number | null = null;
  private readonly presence: Throttle<number>;
  private readonly opts: RealtimeOptions;
  private readonly timers: Timers;

  constructor(opts: RealtimeOptions) {
    this.opts = opts;
    this.timers = opts.timers ?? realTimers;
    this.presence = new Throttle(opts.presenceInterval ?? 300, (f) => this.sendNow({ type: "presence", frame: f }), this.timers);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.presence.cancel();
    this.stopHeartbeat();
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      s.onerror = null;
      s.close(1000);
    }
    this.opts.onStatus?.("closed");
  }

  /** Tell colleagues which frame I'm on (throttled). */
  setFrame(frame: number): void {
    this.frame = frame;
    this.presence.call(frame);
  }

  private sendNow(msg: object): void {
    if (this.socket && this.socket.readyState === OPEN) {
      this.socket.send(JSON.stringify(msg));
      this.scheduleHeartbeat();
    }
  }

  /** Send the current frame again once the socket has been silent for the heartbeat interval. */
  private scheduleHeartbeat(): void {
    this.stopHeartbeat();
    this.heartbeatTimer = this.timers.setTimeout(() => {
      this.heartbeatTimer = null;
      this.sendNow({ type: "presence", frame: this.frame });
    }, this.opts.heartbeatInterval ?? HEARTBEAT_INTERVAL);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== null) this.timers.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private connect(): void {
    const create = this.opts.createSocket ?? ((u: string) => new WebSocket(u) as unknown as SocketLike);
    this.opts.onStatus?.(this.attempt === 0 ? "connecting" : "reconnecting");
    let s: SocketLike;
    try {
      s = create(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = s;
    s.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.opts.onStatus?.("open");
      if (this.frame !== null) this.sendNow({ type: "presence", frame: this.frame });
      else this.scheduleHeartbeat();
      if (reconnected) this.opts.onReconnect?.();
    };
    s.onmessage = (ev) => {
      const e = parseEvent(ev.data);
      if (e) this.opts.onEvent(e);
    };
    s.onerror = () => {
      /* onclose follows and reconnects */
    };
    s.onclose = (ev) => {
      this.socket = null;
      this.stopHeartbeat();
      if (this.stopped) return;
      if (ev.code === CLOSE_FORBIDDEN || ev.code === CLOSE_UNAUTHORIZED) {
        this.stopped = true;
        this.presence.cancel();
        this.opts.onStatus?.(ev.code === CLOSE_FORBIDDEN ? "forbidden" : "unauthorized");
        return;
      }
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt, 500, 15000, this.opts.random);
    this.attempt++;
    this.opts.onStatus?.("reconnecting");
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }
}

"""Simulated annotators for `benchmarks/load.py`: each one a browser tab of the workspace.

An `Annotator` acts in a thread of its own (HTTP with `requests`, keep-alive like a browser):
after a think time it scrubs to a nearby frame (the frame's image, the 32-frame mask chunks
around it as `GET /api/videos/{id}/masks/`, a presence message on its socket), clicks on its own
masklet (`POST /api/masklets/{id}/prompts/`), paints on one of the shared masklets (`PUT
/api/masklets/{id}/masks/{frame}/` with the version it holds; a share of them deliberately with a
stale version, which must answer 409 and is then resolved by re-reading the mask and putting it
again) or reloads the timeline. A second thread reacts to its socket's events as the workspace
does (frontend/src/workspace/useWorkspaceEvents.ts): `mask.updated` refetches the newer masks of
the chunks it holds (`GET /api/masklets/{id}/masks/`) and patches the timeline from the event's
areas (no request), `masklet.changed` reloads the masklet list, `job.finished` the timeline and
the chunks.

`Sockets` holds every annotator's websocket (token in the Authorization header, no Origin, as the
SDK connects) in one asyncio loop, sends their presence (on frame changes, and every 15 s as the
heartbeat), and records which `mask.updated` events each socket received.
"""

from __future__ import annotations

import asyncio
import json
import math
import random
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
import requests
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

import maskcodec

CHUNK = 32  # frames per mask chunk, as frontend/src/lib/maskStore.ts
HEARTBEAT = 15.0  # seconds between presence messages when the frame does not change
REQUEST_TIMEOUT = 30.0
CLICK_TIMEOUT = 90.0  # the server answers 503 after MASKLET["INTERACTIVE_TIMEOUT"] (60 s)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..1); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


class Stats:
    """Latencies per request kind, answers by status, and errors: 5xx and connection errors.
    Any other answer than the expected one is `unexpected` (a 4xx the benchmark did not ask for)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.unexpected: Counter[str] = Counter()
        self.retried: Counter[str] = Counter()
        self.samples: list[str] = []  # the first few errors, for the report

    def request(self, session: requests.Session, kind: str, method: str, url: str, *,
                expect: tuple[int, ...] = (200,), timeout: float = REQUEST_TIMEOUT, **kwargs: Any) -> requests.Response | None:
        started = time.perf_counter()
        try:
            try:
                response = session.request(method, url, timeout=timeout, **kwargs)
            except requests.ConnectionError:
                # A kept-alive connection the server closed as it was reused: a browser sends an
                # idempotent request again on a new connection. Counted apart, not an error.
                if method != "GET":
                    raise
                with self.lock:
                    self.retried[kind] += 1
                response = session.request(method, url, timeout=timeout, **kwargs)
            response.content  # noqa: B018 - the whole body, as a browser reads it
        except requests.RequestException as error:
            with self.lock:
                self.errors[kind] += 1
                self.status[f"{kind} connection-error"] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{method} {url}: {type(error).__name__}: {error}"[:300])
            return None
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latency[kind].append(elapsed)
            self.status[f"{kind} {response.status_code}"] += 1
            if response.status_code >= 500:
                self.errors[kind] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{method} {url}: {response.status_code} {response.text[:200]}")
            elif response.status_code not in expect:
                self.unexpected[kind] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{method} {url}: unexpected {response.status_code} {response.text[:200]}")
        return response

    def requests(self) -> int:
        return sum(self.status.values())

    def summary(self) -> dict[str, dict[str, float]]:
        return {
            kind: {
                "count": len(values),
                "p50_ms": round(percentile(values, 0.5) * 1000, 1),
                "p95_ms": round(percentile(values, 0.95) * 1000, 1),
                "p99_ms": round(percentile(values, 0.99) * 1000, 1),
            }
            for kind, values in sorted(self.latency.items())
        }


@dataclass(frozen=True)
class Edit:
    """A mask PUT the server acknowledged: its masklet, frame, the version and RLE it answered."""

    masklet: int
    frame: int
    version: int
    counts: str
    annotator: int


@dataclass
class World:
    """What every annotator shares: the server, the video, the masklets and the run's records."""

    base: str
    video: int
    frame_count: int
    width: int
    height: int
    edit_masklets: list[int]
    stats: Stats
    conflict_rate: float = 0.2
    think: float = 2.0
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    edits: list[Edit] = field(default_factory=list)
    conflicts: Counter[str] = field(default_factory=Counter)


# Actions and their weights: most time goes to moving through the video, then clicks and brush.
ACTIONS = (("scrub", 0.5), ("click", 0.25), ("brush", 0.2), ("timeline", 0.05))


class Annotator:
    def __init__(self, index: int, token: str, click_masklet: int, world: World, seed: int) -> None:
        self.index, self.click_masklet, self.world = index, click_masklet, world
        self.rng = random.Random(seed)
        self.session = self._session(token)
        self.reactions = self._session(token)  # a browser fetches on more than one connection
        self.sockets: Sockets | None = None
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.frame = self.rng.randrange(world.frame_count)
        self.chunks: set[int] = set()
        self.versions: dict[tuple[int, int], int] = {}  # (masklet, frame) -> version held
        self.clicks_on: Counter[int] = Counter()  # clicks since the last reset, per frame
        self.stale: dict[int, set[int]] = defaultdict(set)  # masklet -> frames to refetch
        self.timeline_at: float | None = None
        self.masklets_at: float | None = None
        self.reload_chunks = False
        self.threads = [threading.Thread(target=self._guard, args=(self._act,), name=f"annotator-{index}", daemon=True),
                        threading.Thread(target=self._guard, args=(self._react,), name=f"reactions-{index}", daemon=True)]
        self.crashed: str | None = None

    @staticmethod
    def _session(token: str) -> requests.Session:
        session = requests.Session()
        session.trust_env = False  # no proxy: the server is on 127.0.0.1
        session.headers["Authorization"] = f"Token {token}"
        return session

    def url(self, path: str) -> str:
        return self.world.base + path

    def _guard(self, loop: Any) -> None:
        try:
            loop()
        except Exception as error:  # a benchmark bug: reported, never silent
            self.crashed = f"{type(error).__name__}: {error}"
            raise

    # --- user actions ---------------------------------------------------------------------------

    def _act(self) -> None:
        names, weights = zip(*ACTIONS, strict=True)
        while not self.world.stop.is_set():
            think = min(4.0, max(0.2, self.rng.expovariate(1 / self.world.think)))
            if self.world.stop.wait(think):
                return
            getattr(self, self.rng.choices(names, weights)[0])()

    def scrub(self) -> None:
        frame = min(self.world.frame_count - 1, max(0, self.frame + self.rng.choice((-8, -3, -1, 1, 1, 2, 3, 8))))
        self.frame = frame
        if self.sockets is not None:
            self.sockets.send_presence(self.index, frame)
        self.world.stats.request(self.session, "frame", "GET", self.url(f"/api/videos/{self.world.video}/frames/{frame}/"))
        for chunk in self._chunks_around(frame):
            with self.lock:
                loaded = chunk in self.chunks
            if not loaded:
                self.load_chunk(chunk)

    def _chunks_around(self, frame: int) -> list[int]:
        last = (self.world.frame_count - 1) // CHUNK
        return [c for c in (frame // CHUNK - 1, frame // CHUNK, frame // CHUNK + 1) if 0 <= c <= last]

    def load_chunk(self, chunk: int, session: requests.Session | None = None) -> None:
        start, end = chunk * CHUNK, min(self.world.frame_count - 1, chunk * CHUNK + CHUNK - 1)
        response = self.world.stats.request(session or self.session, "masks", "GET",
                                            self.url(f"/api/videos/{self.world.video}/masks/?start={start}&end={end}"))
        if response is not None and response.status_code == 200:
            self._hold(response.json())
            with self.lock:
                self.chunks.add(chunk)

    def _hold(self, masks: list[dict[str, Any]]) -> None:
        with self.lock:
            for mask in masks:
                key = (mask["masklet"], mask["frame"])
                self.versions[key] = max(self.versions.get(key, 0), mask["version"])

    def click(self) -> None:
        frame = self.frame
        first = self.clicks_on[frame] == 0
        reset = self.clicks_on[frame] >= 4
        body = {"frame": frame, "points": [self._point()], "labels": [1 if first or reset or self.rng.random() < 0.7 else 0],
                "reset": reset}
        response = self.world.stats.request(self.session, "click", "POST", self.url(f"/api/masklets/{self.click_masklet}/prompts/"),
                                            json=body, timeout=CLICK_TIMEOUT)
        if response is not None and response.status_code == 200:
            self.clicks_on[frame] = 1 if reset else self.clicks_on[frame] + 1
            mask = response.json()["mask"]
            self._hold([mask])

    def _point(self) -> list[float]:
        """A point on one of the bedroom clip's objects (the children, the bed), jittered."""
        w, h = self.world.width, self.world.height
        x, y = self.rng.choice(((0.48, 0.37), (0.31, 0.74), (0.73, 0.83), (0.6, 0.5)))
        return [round(min(w - 1, max(0, x * w + self.rng.uniform(-20, 20))), 1),
                round(min(h - 1, max(0, y * h + self.rng.uniform(-20, 20))), 1)]

    def brush(self) -> None:
        masklet = self.rng.choice(self.world.edit_masklets)
        frame = self.frame
        with self.lock:
            held = self.versions.get((masklet, frame), 0)
        # A deliberate conflict sends an older version than the one held (versions only grow).
        deliberate = held > 0 and self.rng.random() < self.world.conflict_rate
        version = held - 1 if deliberate else held
        rle = self._stroke()
        url = self.url(f"/api/masklets/{masklet}/masks/{frame}/")
        response = self.world.stats.request(self.session, "put", "PUT", url, json={"rle": rle, "version": version},
                                            expect=(200, 409))
        for _attempt in range(3):
            if response is None or response.status_code not in (200, 409):
                return
            if response.status_code == 200:
                if deliberate:  # a stale version was accepted: an edit may have been overwritten
                    self._count("missed")
                self._acked(response.json())
                return
            self._count("deliberate" if deliberate else "natural")
            deliberate = False
            # Resolve as the editor does: read the mask again, then put the edit on top of it.
            reread = self.world.stats.request(self.session, "reread", "GET",
                                              self.url(f"/api/masklets/{masklet}/masks/?start={frame}&end={frame}"))
            if reread is None or reread.status_code != 200:
                return
            current = reread.json()
            self._hold(current)
            version = current[0]["version"] if current else 0
            response = self.world.stats.request(self.session, "put", "PUT", url, json={"rle": rle, "version": version},
                                                expect=(200, 409))
        self._count("unresolved")

    def _count(self, what: str) -> None:
        with self.world.lock:
            self.world.conflicts[what] += 1

    def _acked(self, mask: dict[str, Any]) -> None:
        self._hold([mask])
        edit = Edit(mask["masklet"], mask["frame"], mask["version"], mask["rle"]["counts"], self.index)
        with self.world.lock:
            self.world.edits.append(edit)

    def _stroke(self) -> dict[str, Any]:
        """A brush stroke: a random ellipse, as an RLE of the video's size."""
        w, h = self.world.width, self.world.height
        mask = np.zeros((h, w), np.uint8)
        center = (self.rng.randrange(w), self.rng.randrange(h))
        axes = (self.rng.randrange(10, max(11, w // 6)), self.rng.randrange(10, max(11, h // 6)))
        cv2.ellipse(mask, center, axes, self.rng.uniform(0, 180), 0, 360, 1, -1)
        return dict(maskcodec.encode(mask.astype(bool)))

    def timeline(self) -> None:
        self.world.stats.request(self.session, "timeline", "GET", self.url(f"/api/videos/{self.world.video}/timeline/"))

    # --- reactions to events (the workspace's onEvent) --------------------------------------------

    def on_event(self, event: dict[str, Any]) -> None:
        """Called in the sockets' loop: note what to fetch and wake the reaction thread."""
        kind = event.get("type")
        now = time.monotonic()
        with self.lock:
            if kind == "mask.updated":
                masklet = event["masklet"]
                for frame, version in zip(event["frames"], event["versions"], strict=True):
                    if frame // CHUNK in self.chunks and self.versions.get((masklet, frame), 0) < version:
                        self.stale[masklet].add(frame)
            elif kind == "masklet.changed":
                self.masklets_at = self.masklets_at or now
            elif kind == "job.finished":
                self.timeline_at = self.timeline_at or now
                self.masklets_at = self.masklets_at or now
                self.reload_chunks = True
            else:
                return
        self.wake.set()

    def _react(self) -> None:
        while not self.world.stop.is_set():
            self.wake.wait(0.2)
            self.wake.clear()
            now = time.monotonic()
            with self.lock:
                stale, self.stale = self.stale, defaultdict(set)
                timeline = self.timeline_at is not None and self.timeline_at <= now
                masklets = self.masklets_at is not None and self.masklets_at <= now
                reload_chunks, self.reload_chunks = self.reload_chunks, False
                chunks = sorted(self.chunks)
                if timeline:
                    self.timeline_at = None
                if masklets:
                    self.masklets_at = None
            for masklet, frames in stale.items():
                if self.world.stop.is_set():
                    return
                response = self.world.stats.request(
                    self.reactions, "refresh", "GET",
                    self.url(f"/api/masklets/{masklet}/masks/?start={min(frames)}&end={max(frames)}"))
                if response is not None and response.status_code == 200:
                    self._hold(response.json())
            if timeline:
                self.world.stats.request(self.reactions, "timeline", "GET", self.url(f"/api/videos/{self.world.video}/timeline/"))
            if masklets:
                self.world.stats.request(self.reactions, "masklets", "GET", self.url(f"/api/videos/{self.world.video}/masklets/"))
            if reload_chunks:
                for chunk in chunks:
                    self.load_chunk(chunk, self.reactions)

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def join(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in self.threads)


class Sockets:
    """Every annotator's websocket on one asyncio loop (in a thread of its own)."""

    def __init__(self, ws_base: str, video: int, annotators: list[Annotator], tokens: list[str]) -> None:
        self.url = f"{ws_base}/ws/videos/{video}/"
        self.annotators, self.tokens = annotators, tokens
        self.received: list[set[tuple[int, int, int]]] = [set() for _ in annotators]
        self.events: Counter[str] = Counter()
        self.dropped: list[str] = []  # sockets closed during the run, and how
        self.dropped_sockets: set[int] = set()
        self.closing = False
        self.connections: list[ClientConnection | None] = [None] * len(annotators)
        self.frames: list[int | None] = [None] * len(annotators)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="sockets", daemon=True)
        self.tasks: list[asyncio.Task[None]] = []
        self.opened = 0.0
        self.lag: list[float] = []  # how late this loop wakes up: the client's own delay

    async def _watch_lag(self) -> None:
        while not self.closing:
            started = time.monotonic()
            await asyncio.sleep(0.5)
            self.lag.append(time.monotonic() - started - 0.5)

    def connect(self, timeout: float = 60) -> None:
        self.opened = time.monotonic()
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._connect_all(), self.loop).result(timeout)
        for annotator in self.annotators:
            annotator.sockets = self

    async def _connect_all(self) -> None:
        await asyncio.gather(*(self._connect(i) for i in range(len(self.annotators))))
        self.tasks.append(asyncio.create_task(self._watch_lag()))

    async def _connect(self, index: int) -> None:
        # No client pings: browsers send none (the server pings, and closes a socket that does not answer).
        ws = await connect(self.url, additional_headers={"Authorization": f"Token {self.tokens[index]}"},
                           proxy=None, open_timeout=30, max_size=2**24, ping_interval=None)
        first = json.loads(await asyncio.wait_for(ws.recv(), 30))
        if first.get("type") != "presence":
            raise RuntimeError(f"socket {index}: expected presence first, got {first}")
        self.connections[index] = ws
        self.tasks.append(asyncio.create_task(self._read(index, ws)))
        self.tasks.append(asyncio.create_task(self._heartbeat(index, ws)))

    async def _read(self, index: int, ws: ClientConnection) -> None:
        try:
            async for raw in ws:
                event = json.loads(raw)
                kind = event.get("type", "?")
                self.events[kind] += 1
                if kind == "mask.updated" and event.get("source") == "edited":
                    for frame, version in zip(event["frames"], event["versions"], strict=True):
                        self.received[index].add((event["masklet"], frame, version))
                self.annotators[index].on_event(event)
        except ConnectionClosed as closed:
            if not self.closing:
                self.dropped_sockets.add(index)
                self.dropped.append(f"socket {index} at {time.monotonic() - self.opened:.1f} s: received "
                                    f"{closed.rcvd}, sent {closed.sent}")
            return
        if not self.closing:
            self.dropped_sockets.add(index)
            self.dropped.append(f"socket {index} at {time.monotonic() - self.opened:.1f} s: closed ({ws.close_code})")

    async def _heartbeat(self, index: int, ws: ClientConnection) -> None:
        while not self.closing:
            await asyncio.sleep(HEARTBEAT)
            await self._send(ws, self.frames[index])

    @staticmethod
    async def _send(ws: ClientConnection, frame: int | None) -> None:
        try:
            await ws.send(json.dumps({"type": "presence", "frame": frame}))
        except ConnectionClosed:
            pass  # counted by the reader

    def send_presence(self, index: int, frame: int) -> None:
        """From an annotator's thread: tell the others where this annotator is."""
        self.frames[index] = frame
        ws = self.connections[index]
        if ws is not None:
            asyncio.run_coroutine_threadsafe(self._send(ws, frame), self.loop)

    def delivered(self, edits: list[Edit]) -> tuple[int, int, int]:
        """(delivered, expected, missing on sockets that stayed open): each acknowledged edit on
        every other annotator's socket."""
        expected = delivered = missing_live = 0
        for edit in edits:
            key = (edit.masklet, edit.frame, edit.version)
            for index, received in enumerate(self.received):
                if index != edit.annotator:
                    expected += 1
                    delivered += key in received
                    missing_live += key not in received and index not in self.dropped_sockets
        return delivered, expected, missing_live

    def close(self, timeout: float = 20) -> None:
        self.closing = True

        async def close_all() -> None:
            for task in self.tasks:
                task.cancel()
            await asyncio.gather(*(ws.close() for ws in self.connections if ws is not None), return_exceptions=True)

        if self.thread.is_alive():
            try:
                asyncio.run_coroutine_threadsafe(close_all(), self.loop).result(timeout)
            finally:
                self.loop.call_soon_threadsafe(self.loop.stop)
                self.thread.join(timeout)


def lost_edits(world: World) -> tuple[int, list[str]]:
    """Acknowledged edits the database no longer holds: for each (masklet, frame), the last
    acknowledged version must be the stored one, with the same RLE. Reads through Django's ORM."""
    from annotation.models import FrameMask

    last: dict[tuple[int, int], Any] = {}
    for edit in world.edits:
        key = (edit.masklet, edit.frame)
        if key not in last or edit.version > last[key].version:
            last[key] = edit
    stored = {(m.masklet_id, m.frame): m for m in FrameMask.objects.filter(masklet_id__in={k[0] for k in last})}
    lost = []
    for key, edit in last.items():
        mask = stored.get(key)
        if mask is None or mask.version != edit.version or mask.rle["counts"] != edit.counts:
            lost.append(f"{key}: acknowledged v{edit.version}, stored {mask.version if mask else None}")
    return len(lost), lost[:5]

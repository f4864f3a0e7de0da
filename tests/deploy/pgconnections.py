"""Count PostgreSQL connections per process while a test runs (pg_stat_activity).

Each backend in pg_stat_activity is attributed to a local process by the client port of its TCP
socket (psutil lists the process's sockets), so the server's connections, a worker's and the
test process's own are counted apart, however many other databases share the cluster.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import psutil
import psycopg
from django.db import connection

POSTGRES_PORT = 5432


def listening_pid(port: int) -> int:
    """The pid of the local process listening on TCP `port` (the uvicorn of a live server)."""
    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
            assert conn.pid is not None
            return conn.pid
    raise LookupError(f"nothing listens on port {port}")


def _postgres_ports(pids: list[int]) -> set[int]:
    """Local ports of the processes' (and their children's) TCP connections to PostgreSQL."""
    ports: set[int] = set()
    for pid in pids:
        try:
            process = psutil.Process(pid)
            family = [process, *process.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for member in family:
            try:
                sockets = member.net_connections(kind="tcp")
            except psutil.NoSuchProcess:
                continue
            ports.update(s.laddr.port for s in sockets if s.raddr and s.raddr.port == POSTGRES_PORT)
    return ports


@dataclass
class ConnectionSampler:
    """Samples, every `interval` seconds, the connections to `database` held by each named group of
    processes (a group is a list of pids; children count with their parent). `peak[name]` is the
    highest count seen; `other` counts connections to the database that belong to no group."""

    database: str
    groups: dict[str, list[int]]
    interval: float = 0.05
    peak: Counter = field(default_factory=Counter)
    samples: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    error: BaseException | None = None

    def __post_init__(self) -> None:
        s = connection.settings_dict
        # The sampler's own connection goes to the maintenance database, so it is not counted.
        self._dsn = f"host={s['HOST'] or '127.0.0.1'} port={s['PORT'] or POSTGRES_PORT} user={s['USER'] or 'postgres'} dbname=postgres"

    def sample(self, cursor: psycopg.Cursor) -> Counter:
        before = {name: _postgres_ports(pids) for name, pids in self.groups.items()}
        cursor.execute(
            "SELECT client_port FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.database],
        )
        rows = cursor.fetchall()
        # Ports read before and after the query: a connection opened meanwhile is still attributed.
        ports = {name: owned | _postgres_ports(self.groups[name]) for name, owned in before.items()}
        counts: Counter = Counter()
        for (port,) in rows:
            owner = next((name for name, owned in ports.items() if port in owned), "other")
            counts[owner] += 1
        return counts

    def _run(self) -> None:
        try:
            with psycopg.connect(self._dsn, autocommit=True) as conn, conn.cursor() as cursor:
                while not self._stop.is_set():
                    counts = self.sample(cursor)
                    for name in (*self.groups, "other"):
                        self.peak[name] = max(self.peak[name], counts[name])
                    self.samples += 1
                    self._stop.wait(self.interval)
        except BaseException as error:  # reported by stop()
            self.error = error

    def __enter__(self) -> ConnectionSampler:
        self._thread = threading.Thread(target=self._run, name="pg-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join(10)
        if self.error is not None:
            raise self.error


def connection_states(database: str, pids: list[int]) -> Counter:
    """States (`idle`, `active`, `idle in transaction`...) of the connections to `database` held
    right now by the processes `pids` and their children."""
    sampler = ConnectionSampler(database, {})
    ports = _postgres_ports(pids)
    with psycopg.connect(sampler._dsn, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT client_port, state FROM pg_stat_activity WHERE datname = %s", [database]
        ).fetchall()
    return Counter(state for port, state in rows if port in ports)


def wait_for_states(
    database: str, pids: list[int], predicate: Callable[[Counter], bool], timeout: float = 20
) -> Counter:
    """Poll `connection_states` until predicate(states) holds (or the timeout); return the last."""
    deadline = time.monotonic() + timeout
    states = connection_states(database, pids)
    while not predicate(states) and time.monotonic() < deadline:
        time.sleep(0.2)
        states = connection_states(database, pids)
    return states


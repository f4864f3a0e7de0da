"""The stack `benchmarks/load.py` drives: `make demo`'s own supervised processes, and a sampler of
their PostgreSQL connections.

`DemoStack` runs supervisord with scripts/demo-supervisord.conf, as scripts/demo.sh does (web
server with its psycopg pool; interactive, batch and cpu workers with theirs; beat), on a port,
database, Redis database and MEDIA_ROOT of its own. Every process it starts inherits a marker
variable, so teardown finds and stops them all (and only them), even after a failure.

`ConnectionSampler` counts the benchmark database's connections in pg_stat_activity and
attributes each to a process of the stack (web, the workers, beat) or to the benchmark
itself by the client port of its TCP socket.
"""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import psutil
import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
MARKER = "MASKLET_BENCH_LOAD_RUN"
PROGRAMS = {"web": "uvicorn", "interactive": "-Q interactive", "batch": "-Q batch", "cpu": "-Q cpu", "beat": "config beat"}
POSTGRES_PORT = 5432


class DemoStack:
    """supervisord running scripts/demo-supervisord.conf; a context manager that always tears down."""

    def __init__(self, env: dict[str, str], run_dir: Path) -> None:
        self.marker = uuid.uuid4().hex
        self.env = {**env, MARKER: self.marker, "MASKLET_DEMO_RUN": str(run_dir)}
        self.log_path = run_dir / "stack.log"
        self.url = f"http://127.0.0.1:{env['PORT']}"
        self.proc: subprocess.Popen[bytes] | None = None
        self._log = None

    def __enter__(self) -> DemoStack:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, timeout: float = 180) -> None:
        self._log = open(self.log_path, "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [str(ROOT / ".venv/bin/supervisord"), "-c", str(ROOT / "scripts/demo-supervisord.conf")],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        ready = re.compile(rb"(interactive|batch|cpu)\d*@\S+ ready\.")
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"supervisord exited:\n{self.log_tail()}")
            workers = {m.group(1) for m in ready.finditer(self.log_path.read_bytes())}
            if workers == {b"interactive", b"batch", b"cpu"} and self._status_ok():
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"the stack did not start in {timeout:.0f} s:\n{self.log_tail()}")
            time.sleep(0.5)

    def _status_ok(self) -> bool:
        try:
            return requests.get(self.url + "/api/status/", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:] if self.log_path.exists() else ""

    def processes(self) -> list[psutil.Process]:
        """Every live process this stack started (they all inherit the marker variable)."""
        found = []
        for process in psutil.process_iter():
            try:
                if process.environ().get(MARKER) == self.marker and process.status() != psutil.STATUS_ZOMBIE:
                    found.append(process)
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        return found

    def programs(self) -> dict[str, list[int]]:
        """The pids of each program (web, interactive, batch, cpu workers, beat)."""
        groups: dict[str, list[int]] = {name: [] for name in PROGRAMS}
        for process in self.processes():
            try:
                command = " ".join(process.cmdline())
            except psutil.Error:
                continue
            for name, needle in PROGRAMS.items():
                if needle in command:
                    groups[name].append(process.pid)
        return groups

    def restarts(self) -> list[str]:
        """supervisord's lines about a program that exited while the benchmark ran."""
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return [line for line in text.splitlines() if "exited:" in line and "not expected" in line]

    def stop(self) -> None:
        """SIGTERM to supervisord (it stops every program, KILL after 10 s), then KILL whatever of
        this stack is left."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(40)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        for process in self.processes():
            try:
                process.kill()
            except psutil.Error:
                pass
        if self._log is not None:
            self._log.close()
            self._log = None


def _postgres_ports(pids: list[int]) -> dict[int, int]:
    """Local port -> pid for the processes' TCP connections to PostgreSQL."""
    ports: dict[int, int] = {}
    for pid in pids:
        try:
            sockets = psutil.Process(pid).net_connections(kind="tcp")
        except psutil.Error:
            continue
        ports.update({s.laddr.port: pid for s in sockets if s.raddr and s.raddr.port == POSTGRES_PORT})
    return ports


class ConnectionSampler:
    """Counts the connections to `database` in pg_stat_activity every `interval` seconds, in a
    thread. `peak` is the highest total seen, `peak_by` the highest per process: each connection
    is attributed once, when it first appears, to the program (web, the workers, beat) whose
    socket has its client port; connections with application_name `own_name` (PGAPPNAME of this
    benchmark and its manage.py commands) are the benchmark's; `other` is anyone else."""

    def __init__(self, admin_dsn: str, database: str, stack: DemoStack, own_name: str, interval: float = 0.25) -> None:
        self.admin_dsn, self.database, self.stack, self.own_name = admin_dsn, database, stack, own_name
        self.interval = interval
        self.peak = 0
        self.peak_by: Counter[str] = Counter()
        self.samples = 0
        self.error: BaseException | None = None
        self._owner: dict[tuple[int, object], str] = {}  # (client port, backend start) -> program
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-sampler", daemon=True)

    def _run(self) -> None:
        try:
            with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
                while not self._stop.is_set():
                    self._sample(conn)
                    self._stop.wait(self.interval)
        except BaseException as error:  # reported in the result
            self.error = error

    def _sample(self, conn: psycopg.Connection) -> None:
        rows = conn.execute(
            "SELECT client_port, backend_start, application_name FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.database],
        ).fetchall()
        unknown = [(port, start) for port, start, name in rows if name != self.own_name and (port, start) not in self._owner]
        if unknown:  # new connections: find their processes (a restarted program has a new pid)
            ports = {name: _postgres_ports(pids) for name, pids in self.stack.programs().items()}
            for key in unknown:
                self._owner[key] = next((name for name, owned in ports.items() if key[0] in owned), "other")
        counts: Counter[str] = Counter(
            "benchmark" if name == self.own_name else self._owner[(port, start)] for port, start, name in rows
        )
        self.peak = max(self.peak, len(rows))
        for name, count in counts.items():
            self.peak_by[name] = max(self.peak_by[name], count)
        self.samples += 1

    def __enter__(self) -> ConnectionSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(15)

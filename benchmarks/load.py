"""Team scale (issue 10): N simulated annotators against the real stack for a minute.

    .venv/bin/python benchmarks/load.py [--annotators 40] [--seconds 60]

1. The stack `make demo` runs, started the same way: a fresh database (`masklet_bench_load`,
   BENCH_LOAD_DATABASE_URL for another), `manage.py migrate`, then supervisord with
   scripts/demo-supervisord.conf (uvicorn with its psycopg pool; interactive, batch and cpu
   Celery workers with theirs; Celery beat) on a free port, Redis database 13 (BENCH_LOAD_REDIS_URL; flushed
   first), a temporary MEDIA_ROOT, settings config.settings.dev. No checkpoint: the OpenCV
   backend answers clicks and runs the jobs.
2. `manage.py demo_setup`, as scripts/demo.sh runs it: the demo project, whose clip
   (demo/bedroom.mp4, all 200 frames, 960x540) the cpu worker ingests. Then N annotator accounts
   (API tokens, an annotation task each on the video), a masklet per annotator for its clicks,
   N/4 shared masklets with a mask on every frame (the masks annotators correct with the brush),
   and one masklet clicked on frame 0 for the propagation.
3. Idle clicks: one annotator clicks `--idle-clicks` times alone (after warm-up clicks), moving
   between frames as it does under load: `click_idle_p95_ms`.
4. Load: every annotator opens its websocket (API token) and works for `--seconds`
   (benchmarks/load_annotator.py: think times, scrubbing, clicks, brush PUTs with versions and
   deliberate 409 conflicts resolved by re-reading, timeline, and the workspace's reactions to
   events), while a propagation of the clicked masklet over the whole clip and an automatic-
   masklets job are queued on the batch worker. Unfinished jobs are cancelled at the end.
5. Checks: every acknowledged PUT's mask is the stored one at the end, unless a later
   acknowledged PUT replaced it (`lost_edits`); every acknowledged PUT reached every other
   annotator's socket as a `mask.updated` event (`events`); the benchmark database's connections
   in pg_stat_activity, sampled every 0.25 s and attributed per process (`pg_connections`).

The last line is one JSON object: requests, errors (5xx and connection errors), latency
percentiles per kind, `click_idle_p95_ms`, `click_load_p95_ms`, `ratio` = click p95 under load /
idle click p95, connections, events, lost edits, jobs, load average. Goals: 0 errors, 0 lost
edits, every event delivered, ratio <= 2, connections within the configured pools (each process
within its own pool), no process restarted, no socket dropped. Exit status 1 when one is missed.
MASKLET_BENCH_KEEP=1 keeps the work folder (stack and worker logs). Everything is bounded: each
request has a timeout and the whole run stops after --seconds + 15 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on sys.path, where benchmarks/click.py would shadow the
# `click` package Celery imports: import from the repository root instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from benchmarks.common import _drop_database, load_average, recreate_database  # noqa: E402
from benchmarks.load_annotator import Annotator, Sockets, Stats, World, lost_edits, percentile  # noqa: E402
from benchmarks.load_stack import ConnectionSampler, DemoStack  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/masklet_bench_load"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
RATIO_GOAL = 2.0
PASSWORD = "load-benchmark"
# application_name of this process's and its manage.py commands' connections (libpq's PGAPPNAME).
OWN_APP_NAME = "masklet-bench-load"


def log(message: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stack_env(workdir: Path) -> dict[str, str]:
    """The demo's environment (scripts/demo.sh) on this run's own database, Redis db and media."""
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": os.environ.get("BENCH_LOAD_DATABASE_URL", DEFAULT_DB),
        "REDIS_URL": os.environ.get("BENCH_LOAD_REDIS_URL", DEFAULT_REDIS),
        "MASKLET_CHANNEL_PREFIX": "masklet-bench-load",
        "MEDIA_ROOT": str(workdir / "media"),
        "PORT": str(free_port()),
        # The pools: the web server's (settings' default) and each worker's (scripts/demo.sh's).
        "MASKLET_DB_POOL_MAX": os.environ.get("MASKLET_DB_POOL_MAX", "8"),
        "MASKLET_WORKER_DB_POOL_MAX": os.environ.get("MASKLET_WORKER_DB_POOL_MAX", "2"),
        "MASKLET_INTERACTIVE_WORKERS": os.environ.get("MASKLET_INTERACTIVE_WORKERS", "2"),  # scripts/demo.sh's
        "MASKLET_WEB_PROCESSES": os.environ.get("MASKLET_WEB_PROCESSES", str(max(1, (os.cpu_count() or 2) // 4))),  # scripts/demo.sh's rule
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "2"),
        "MASKLET_BACKEND": "opencv",
        "PYTHONUNBUFFERED": "1",
    })
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "MASKLET_SAM2_CHECKPOINT"):
        env.pop(name, None)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    """A one-shot command on the stack's database, with a direct connection (as manage.py makes)."""
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True, timeout=300, stdout=subprocess.DEVNULL,
                   env={**env, "MASKLET_DB_POOL_MAX": "0", "PGAPPNAME": OWN_APP_NAME})


def django_setup(env: dict[str, str]) -> None:
    """Django in this process on the stack's database (one direct connection, no pool)."""
    for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "MASKLET_CHANNEL_PREFIX", "MEDIA_ROOT"):
        os.environ[key] = env[key]
    os.environ["MASKLET_DB_POOL_MAX"] = "0"
    os.environ["PGAPPNAME"] = OWN_APP_NAME
    import django

    django.setup()


def api(token: str) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.headers["Authorization"] = f"Token {token}"
    return session


def wait_ready(session: requests.Session, base: str, video_id: int, timeout: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        video = session.get(f"{base}/api/videos/{video_id}/", timeout=30).json()
        if video["status"] == "ready":
            return video
        if video["status"] == "failed" or time.monotonic() > deadline:
            raise RuntimeError(f"the demo clip was not ingested: {video}")
        time.sleep(0.5)


def prepare(base: str, annotators: int) -> dict[str, Any]:
    """The demo project made ready for a team; returns tokens, ids and sizes."""
    import numpy as np
    from django.contrib.auth import get_user_model
    from django.db import connections

    import maskcodec
    from annotation.models import Job, Project, Video
    from annotation.services import projects as project_services
    from annotation.services import tasks as task_services
    from annotation.services.accounts import token_create
    from annotation.services.masklets import NewMask, frame_masks_store, masklet_create

    manager = get_user_model().objects.get(username="demo")
    project = Project.objects.get(name="Demo: bedroom")
    video = Video.objects.get(project=project)
    manager_token = token_create(user=manager)[1]
    started = time.monotonic()
    details = wait_ready(api(manager_token), base, video.pk)
    video.refresh_from_db()
    ingest = Job.objects.filter(video=video, kind="ingest").first()
    log(f"demo clip ingested: {video.frame_count} frames {video.width}x{video.height} "
        f"(waited {time.monotonic() - started:.1f} s)")
    tokens, click_masklets = [], []
    for index in range(annotators):
        user = get_user_model().objects.create_user(username=f"load-annotator-{index}", password=PASSWORD)
        project_services.membership_add(project=project, user=user.pk, role="annotator")
        task_services.task_create(project=project, video=video, assignee=user.pk)
        tokens.append(token_create(user=user)[1])
        click_masklets.append(masklet_create(video=video, user=user, name=f"clicks of annotator {index}").pk)
    # The objects the team corrects with the brush: a mask on every frame, as a propagation leaves.
    edit_masklets = []
    h, w = video.height, video.width
    for number in range(max(2, annotators // 4)):
        masklet = masklet_create(video=video, user=manager, name=f"shared object {number}")
        region = np.zeros((h, w), bool)
        x0 = (number * 97) % (w - 80)
        region[h // 3 : h // 3 + 60, x0 : x0 + 80] = True
        mask = maskcodec.encode(region)
        frame_masks_store(masklet=masklet, masks=[NewMask(f, mask, "propagated") for f in range(video.frame_count)])
        edit_masklets.append(masklet.pk)
    propagated = masklet_create(video=video, user=manager, name="propagated")
    connections.close_all()
    return {
        "video": video.pk, "frame_count": video.frame_count, "width": w, "height": h,
        "manager_token": manager_token, "tokens": tokens, "click_masklets": click_masklets,
        "edit_masklets": edit_masklets, "propagated": propagated.pk,
        "ingest_s": round((ingest.finished_at - ingest.started_at).total_seconds(), 2) if ingest and ingest.finished_at else None,
        "fps": details["source_fps"],
    }


def idle_clicks(annotator: Annotator, count: int, warmup: int) -> list[float]:
    """Clicks alone on the server; frames change between clicks as often as under load."""
    stats = annotator.world.stats
    for i in range(warmup + count):
        if i == warmup:
            stats.latency.clear()
        if annotator.rng.random() < 2 / 3:
            annotator.frame = min(annotator.world.frame_count - 1, max(0, annotator.frame + annotator.rng.choice((-8, -3, 1, 3, 8))))
        annotator.click()
        time.sleep(0.2)
    return list(stats.latency["click"])


def start_jobs(manager: requests.Session, base: str, setup: dict[str, Any]) -> dict[str, int]:
    """A propagation of the masklet clicked on frame 0 over the clip, and automatic masklets."""
    video = setup["video"]
    answer = manager.post(f"{base}/api/masklets/{setup['propagated']}/prompts/",
                          json={"frame": 0, "points": [[460, 200]], "labels": [1]}, timeout=90)
    answer.raise_for_status()
    propagate = manager.post(f"{base}/api/videos/{video}/propagations/", timeout=30, json={
        "masklets": [setup["propagated"]], "start_frame": 0, "direction": "forward", "max_frames": None})
    automask = manager.post(f"{base}/api/videos/{video}/automasklets/", json={}, timeout=30)
    if propagate.status_code != 202 or automask.status_code != 202:
        raise RuntimeError(f"jobs refused: {propagate.text} {automask.text}")
    return {"propagate": propagate.json()["job"], "automask": automask.json()["job"]}


def finish_jobs(manager: requests.Session, base: str, jobs: dict[str, int], timeout: float = 60) -> dict[str, Any]:
    """Each job's state when the load ended; the unfinished ones are cancelled (and awaited)."""
    report: dict[str, Any] = {}
    for kind, job_id in jobs.items():
        job = manager.get(f"{base}/api/jobs/{job_id}/", timeout=30).json()
        report[kind] = {"status_at_end": job["status"], "progress_at_end": round(job["progress"], 3)}
        if job["status"] in ("queued", "running"):
            manager.post(f"{base}/api/jobs/{job_id}/cancel/", timeout=30)
    deadline = time.monotonic() + timeout
    for kind, job_id in jobs.items():
        while True:
            job = manager.get(f"{base}/api/jobs/{job_id}/", timeout=30).json()
            if job["status"] not in ("queued", "running") or time.monotonic() > deadline:
                report[kind]["status"] = job["status"]
                break
            time.sleep(0.5)
    return report


def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    env = stack_env(workdir)
    db_url = env["DATABASE_URL"]
    database = db_url.rsplit("/", 1)[1]
    recreate_database(db_url)
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    manage(env, "migrate", "--no-input", "-v", "0")
    (workdir / "run").mkdir()
    result: dict[str, Any] = {}
    with DemoStack(env, workdir / "run") as stack, ConnectionSampler(
        db_url.rsplit("/", 1)[0] + "/postgres", database, stack, OWN_APP_NAME
    ) as sampler:
        base = stack.url
        log(f"stack up on {base}")
        manage(env, "demo_setup", "--password", PASSWORD)
        django_setup(env)
        setup = prepare(base, args.annotators)
        idle_stats, load_stats = Stats(), Stats()
        world = World(base=base, video=setup["video"], frame_count=setup["frame_count"], width=setup["width"],
                      height=setup["height"], edit_masklets=setup["edit_masklets"], stats=idle_stats,
                      conflict_rate=args.conflict_rate, think=args.think)
        annotators = [Annotator(i, token, setup["click_masklets"][i], world, seed=args.seed * 1000 + i)
                      for i, token in enumerate(setup["tokens"])]
        idle = idle_clicks(annotators[0], args.idle_clicks, warmup=3)
        log(f"idle clicks: p50 {percentile(idle, 0.5) * 1000:.0f} ms, p95 {percentile(idle, 0.95) * 1000:.0f} ms")
        world.stats = load_stats
        manager = api(setup["manager_token"])
        sockets = Sockets(base.replace("http://", "ws://"), setup["video"], annotators, setup["tokens"])
        try:
            sockets.connect()
            log(f"{len(annotators)} sockets open")
            jobs = start_jobs(manager, base, setup)
            load_at_start = load_average()
            cpu_before = cpu_seconds(stack)
            started = time.monotonic()
            for annotator in annotators:
                annotator.start()
            time.sleep(args.seconds)
            world.stop.set()
            stuck = [a.index for a in annotators if not a.join(max(1.0, 120 - (time.monotonic() - started - args.seconds)))]
            window = time.monotonic() - started
            load_at_end = load_average()
            log(f"load over after {window:.1f} s; {load_stats.requests()} requests")
            deadline = time.monotonic() + 15
            while sockets.delivered(world.edits)[2] and time.monotonic() < deadline:
                time.sleep(0.5)
            delivered, expected, missing_live = sockets.delivered(world.edits)
            cpu = {name: round(seconds, 1) for name, seconds in cpu_seconds(stack, cpu_before).items()}
            job_report = finish_jobs(manager, base, jobs)
        finally:
            world.stop.set()
            sockets.close()
        service = click_service(stack, 3 + args.idle_clicks, window)
        lost, lost_samples = lost_edits(world)
        from django.db import connections

        connections.close_all()
        restarts = stack.restarts()
        programs = {name: len(pids) for name, pids in stack.programs().items()}
    # After the stack stopped: the sampler's peaks cover the whole run.
    load = load_stats
    click_idle_p95 = percentile(idle, 0.95)
    click_load_p95 = percentile(load.latency["click"], 0.95)
    web_pool, worker_pool = int(env["MASKLET_DB_POOL_MAX"]), int(env["MASKLET_WORKER_DB_POOL_MAX"])
    # Per process (beat inherits the web server's setting: scripts/demo-supervisord.conf gives it
    # none of its own), times the processes of each program.
    pools = {"web": web_pool, "interactive": worker_pool, "batch": worker_pool, "cpu": worker_pool, "beat": web_pool}
    limits = {name: pool * max(1, programs.get(name, 1)) for name, pool in pools.items()} | {"benchmark": 1}
    peak_by = {name: sampler.peak_by.get(name, 0) for name in (*limits, "other")}
    errors = sum(load.errors.values()) + sum(idle_stats.errors.values())
    result = {
        "benchmark": "load",
        "stack": "make demo's supervisord layout (scripts/demo-supervisord.conf): uvicorn, interactive, batch and cpu workers, beat",
        "backend": "opencv",
        "annotators": args.annotators,
        "seconds": args.seconds,
        "window_s": round(window, 1),  # the load, then the requests still in flight when it stopped
        "video": {"frames": setup["frame_count"], "size": f"{setup['width']}x{setup['height']}", "ingest_s": setup["ingest_s"]},
        "requests": load.requests(),
        "requests_per_s": round(load.requests() / window, 1),
        "errors": errors,
        "errors_by_kind": dict(load.errors + idle_stats.errors),
        "unexpected": dict(load.unexpected + idle_stats.unexpected),
        "retried_gets": dict(load.retried + idle_stats.retried),
        "error_samples": (idle_stats.samples + load.samples)[:5],
        "latency": load.summary(),
        "click_idle_p95_ms": round(click_idle_p95 * 1000, 1),
        "click_load_p95_ms": round(click_load_p95 * 1000, 1),
        "clicks": {"idle": len(idle), "load": len(load.latency["click"])},
        "click_service": service,
        "edits": {"acknowledged": len(world.edits), "conflicts": dict(world.conflicts)},
        "lost_edits": lost,
        "lost_samples": lost_samples,
        "events": {"delivered": delivered, "expected": expected, "missing_on_open_sockets": missing_live,
                   "received_by_type": dict(sockets.events)},
        "sockets_dropped": len(sockets.dropped_sockets),
        "sockets_dropped_samples": sockets.dropped[:3],
        "client_loop_lag_p95_ms": round(percentile(sockets.lag, 0.95) * 1000, 1),
        "cpu_s_during_load": cpu,
        "pg_connections": {"peak": sampler.peak, "peak_by_program": peak_by, "pools": limits,
                           "limit": sum(limits.values()), "samples": sampler.samples,
                           "sampler_error": repr(sampler.error) if sampler.error else None},
        "jobs": job_report,
        "restarts": restarts,
        "processes": programs,
        "stuck_annotators": stuck,
        "crashed_annotators": [f"{a.index}: {a.crashed}" for a in annotators if a.crashed][:5],
        "benchmark_cpu_s": round(resource.getrusage(resource.RUSAGE_SELF).ru_utime
                                 + resource.getrusage(resource.RUSAGE_SELF).ru_stime, 1),
        "load_average": {"start": load_at_start, "end": load_at_end, "cpus": os.cpu_count()},
        "ratio": round(click_load_p95 / click_idle_p95, 2) if click_idle_p95 else None,
    }
    result["goals"] = goals(result, limits)
    return result


# inference/bridge/clicks.py's line per click: whether the masklet's state was warm or rebuilt, then
# the seconds per step.
CLICK_LOG = re.compile(
    r"click on masklet \d+ frame \d+ \((\w+) state\): read ([\d.]+) s, model ([\d.]+) s .*post-process ([\d.]+) s, store ([\d.]+) s"
)


def click_service(stack: DemoStack, idle_clicks: int, window: float) -> dict[str, Any]:
    """The interactive workers' own time per click (their log lines, in the order they answered:
    the idle clicks, the job's click, then the load's): what queueing adds to it is the rest.
    `interactive_busy` is their click time over the window, summed over the interactive processes
    (up to their number)."""
    text = stack.log_path.read_text(errors="replace")
    matches = list(CLICK_LOG.finditer(text))
    times = [sum(float(x) for x in match.groups()[1:]) for match in matches]
    rebuilt = [match.group(1) == "rebuilt" for match in matches]
    idle, load = times[:idle_clicks], times[idle_clicks + 1 :]
    return {
        "idle_p50_ms": round(percentile(idle, 0.5) * 1000, 1),
        "load_p50_ms": round(percentile(load, 0.5) * 1000, 1),
        "load_p95_ms": round(percentile(load, 0.95) * 1000, 1),
        "interactive_busy": round(sum(load) / window, 2) if window else None,
        "rebuilt_idle": sum(rebuilt[:idle_clicks]),  # clicks that found the masklet's state stale
        "rebuilt_load": sum(rebuilt[idle_clicks + 1 :]),
    }


def cpu_seconds(stack: DemoStack, before: dict[str, float] | None = None) -> dict[str, float]:
    """CPU seconds (user + system) of each program and of this process, minus `before`; and of the
    PostgreSQL backends serving the benchmark's database (per connection: the pools keep theirs, a
    connection opened and closed inside the window is missed) and of redis-server (shared with
    whatever else runs on the machine)."""
    import psutil

    database = os.environ.get("BENCH_LOAD_DATABASE_URL", DEFAULT_DB).rsplit("/", 1)[-1]
    services: dict[str, list[int]] = {"postgres": [], "redis": []}
    for proc in psutil.process_iter(["name", "cmdline"]):
        words = " ".join(proc.info["cmdline"] or [])
        if words.startswith("postgres: ") and f" {database} " in words:
            services["postgres"].append(proc.pid)
        elif (proc.info["name"] or "").startswith("redis-server"):
            services["redis"].append(proc.pid)
    totals: dict[str, float] = {}
    for name, pids in {**stack.programs(), "benchmark": [os.getpid()], **services}.items():
        for pid in pids:
            try:
                times = psutil.Process(pid).cpu_times()
            except psutil.Error:
                continue
            totals[name] = totals.get(name, 0.0) + times.user + times.system
    return {name: value - (before or {}).get(name, 0.0) for name, value in totals.items()}


def goals(result: dict[str, Any], limits: dict[str, int]) -> dict[str, bool]:
    connections = result["pg_connections"]
    return {
        "no_errors": result["errors"] == 0,
        "no_lost_edits": result["lost_edits"] == 0 and "missed" not in result["edits"]["conflicts"],
        "every_event_delivered": result["events"]["delivered"] == result["events"]["expected"],
        "ratio_le_2": result["ratio"] is not None and result["ratio"] <= RATIO_GOAL,
        "connections_within_pools": connections["sampler_error"] is None and connections["peak_by_program"]["other"] == 0
        and all(connections["peak_by_program"][name] <= limit for name, limit in limits.items()),
        "nothing_restarted_or_dropped": not result["restarts"] and not result["sockets_dropped"]
        and not result["stuck_annotators"] and not result["crashed_annotators"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotators", type=int, default=40, help="simulated annotators (default 40)")
    parser.add_argument("--seconds", type=float, default=60, help="length of the load (default 60)")
    parser.add_argument("--idle-clicks", type=int, default=30, help="clicks measured alone first (default 30)")
    parser.add_argument("--think", type=float, default=2.0, help="mean think time between actions, s (default 2)")
    parser.add_argument("--conflict-rate", type=float, default=0.2, help="share of brush PUTs sent stale on purpose")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not 1 <= args.annotators <= 200 or not 1 <= args.seconds <= 600:
        parser.error("--annotators must be 1..200 and --seconds 1..600")
    random.seed(args.seed)
    workdir = Path(tempfile.mkdtemp(prefix="masklet-bench-load-"))
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    log(f"uptime before: {uptime}")

    def out_of_time(*_: object) -> None:
        raise TimeoutError(f"the benchmark ran longer than {args.seconds + 900:.0f} s")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.alarm(int(args.seconds) + 900)
    try:
        result = run(args, workdir)
    finally:
        signal.alarm(0)
        _drop_database(os.environ.get("BENCH_LOAD_DATABASE_URL", DEFAULT_DB))
        if os.environ.get("MASKLET_BENCH_KEEP"):
            log(f"kept {workdir} (stack and worker logs: run/stack.log)")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
        uptime_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        log(f"uptime after: {uptime_after}")
    result["uptime"] = {"before": uptime, "after": uptime_after}
    print(json.dumps(result))
    sys.exit(0 if all(result["goals"].values()) else 1)


if __name__ == "__main__":
    main()

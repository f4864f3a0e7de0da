"""Masklet's effort figure (issue 13): a simulated annotator against the real stack.

    .venv/bin/python benchmarks/annotator.py [--frames 40] [--objects 2] [--think 3]

1. The stack `make demo` runs, started as benchmarks/load.py starts it (benchmarks/load_stack.py
   DemoStack: uvicorn, interactive, batch and cpu workers, beat under supervisord) on a database
   of its own (`masklet_bench_annotator`, BENCH_ANNOTATOR_DATABASE_URL for another), Redis
   database 11 (BENCH_ANNOTATOR_REDIS_URL; flushed first), a temporary MEDIA_ROOT and a free
   port. The backend is OpenCV unless MASKLET_SAM2_CHECKPOINT names a checkpoint (then SAM 2).
2. A manager and an annotator account are made in the database (tokens); everything else goes
   through the public HTTP API with the SDK's client: the manager makes a project, adds the
   annotator, uploads a generated clip with ground truth (benchmarks/annotator_sim.py: a textured
   object moving and occluded, a second one entering late) as a zip of frames, waits for the
   ingest and gives the annotator a task over the whole clip.
3. The annotator (benchmarks/annotator_sim.py SimulatedAnnotator) annotates every object: first
   click at the centre of the largest ground-truth component, propagate, then correction clicks
   at the centre of the largest error region on the worst frame (and a propagation from there)
   until J&F >= 90 or 20 clicks.
4. The effort comes from Masklet's own analytics API (GET /api/projects/{id}/effort/): the
   interactions the server logged, with its 60 s pause rule.

The last line is one JSON object: clicks per masklet, active seconds per annotated frame,
final J&F (x100, annotation/evaluation/jf.py), the backend, think time and, for comparison, the
SAM 2 data engine's 4.5 s per frame (`ratio` = ours / 4.5). Bounded: every request has a
timeout and the run stops after 30 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# As in benchmarks/load.py: benchmarks/click.py must not shadow the `click` package Celery imports.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from benchmarks.annotator_sim import GTClip, SimulatedAnnotator, frames_zip, make_gt_clip  # noqa: E402
from benchmarks.common import _drop_database, load_average, recreate_database  # noqa: E402
from benchmarks.load import free_port  # noqa: E402
from benchmarks.load_stack import DemoStack  # noqa: E402
from masklet_client.sdk import Client  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/masklet_bench_annotator"
DEFAULT_REDIS = "redis://127.0.0.1:6379/11"
DATA_ENGINE_SECONDS_PER_FRAME = 4.5  # SAM 2 paper, Phase 3 of the data engine
OWN_APP_NAME = "masklet-bench-annotator"
ANNOTATOR = "bench-annotator"


def log(message: str) -> None:
    print(f"[annotator {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def stack_env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": os.environ.get("BENCH_ANNOTATOR_DATABASE_URL", DEFAULT_DB),
        "REDIS_URL": os.environ.get("BENCH_ANNOTATOR_REDIS_URL", DEFAULT_REDIS),
        "MASKLET_CHANNEL_PREFIX": "masklet-bench-annotator",
        "MEDIA_ROOT": str(workdir / "media"),
        "PORT": str(free_port()),
        "MASKLET_DB_POOL_MAX": "4",
        "MASKLET_WORKER_DB_POOL_MAX": "2",
        "MASKLET_INTERACTIVE_WORKERS": "1",
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "2"),
        "MASKLET_BACKEND": "sam2" if os.environ.get("MASKLET_SAM2_CHECKPOINT") else "opencv",
        "PYTHONUNBUFFERED": "1",
    })
    for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        env.pop(name, None)
    return env


def accounts(env: dict[str, str]) -> tuple[str, str, int]:
    """A manager's and an annotator's API tokens (and the annotator's id), made in the database;
    the annotator's username is ANNOTATOR."""
    for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "MASKLET_CHANNEL_PREFIX", "MEDIA_ROOT"):
        os.environ[key] = env[key]
    os.environ["MASKLET_DB_POOL_MAX"] = "0"
    os.environ["PGAPPNAME"] = OWN_APP_NAME
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connections

    from annotation.services.accounts import token_create

    users = get_user_model().objects
    manager = users.create_user(username="bench-manager", password="bench-annotator-pw")
    annotator = users.create_user(username=ANNOTATOR, password="bench-annotator-pw")
    tokens = token_create(user=manager)[1], token_create(user=annotator)[1]
    connections.close_all()
    return tokens[0], tokens[1], annotator.pk


def setup_video(manager: Client, annotator: str, clip: GTClip, workdir: Path) -> tuple[int, int]:
    """Project, member (by username), uploaded clip (ingested) and the annotator's task, all through the API."""
    project = manager.create_project("Effort benchmark")["id"]
    annotator_id = manager.request(
        "POST", f"/api/projects/{project}/members/", json={"user": annotator, "role": "annotator"}
    )["user"]["id"]
    path = workdir / "clip.zip"
    path.write_bytes(frames_zip(clip))
    video = manager.upload_video(project, path)["id"]
    deadline = time.monotonic() + 600
    while (details := manager.get_video(video))["status"] != "ready":
        if details["status"] == "failed" or time.monotonic() > deadline:
            raise RuntimeError(f"the clip was not ingested: {details}")
        time.sleep(0.5)
    n, h, w = clip.frames.shape[:3]
    if (details["frame_count"], details["height"], details["width"]) != (n, h, w):
        raise RuntimeError(f"ingest changed the clip: {details}")
    manager.request("POST", f"/api/projects/{project}/tasks/", json={"video": video, "assignee": annotator_id})
    return project, video


def annotate(base: str, annotator_token: str, project: int, video: int, clip: GTClip, *, think: float,
             max_clicks: int) -> dict[str, Any]:
    """Run the simulated annotator on every object; the effort as Masklet's analytics report it."""
    client = Client(base, annotator_token, timeout=120)
    client.session.trust_env = False
    person = SimulatedAnnotator(client, video, clip, think=think, max_clicks=max_clicks)
    started = time.monotonic()
    results = [person.annotate(name) for name in clip.objects]
    wall = time.monotonic() - started
    effort = client.request("GET", f"/api/projects/{project}/effort/", params={"group": "project"})["rows"]
    row = effort[0] if effort else {}
    per_frame = row.get("seconds_per_frame")
    return {
        "clicks_per_masklet": round(sum(r.clicks for r in results) / len(results), 2),
        "seconds_per_frame": per_frame,
        "jf": round(sum(r.jf for r in results) / len(results), 2),
        "backend": person.backend,
        "think_s": think,
        "objects": [
            {"name": r.name, "clicks": r.clicks, "propagations": r.propagations, "jf": round(r.jf, 2),
             "jf_after_each_round": r.history}
            for r in results
        ],
        "analytics": {key: row.get(key) for key in (
            "active_seconds", "annotated_frames", "hand_frames", "propagated_frames", "clicks", "corrections")},
        "wall_s": round(wall, 1),
        "server_wait_s": round(person.request_seconds, 1),
        "frames": int(clip.frames.shape[0]),
        "data_engine_seconds_per_frame": DATA_ENGINE_SECONDS_PER_FRAME,
        "ratio": None if per_frame is None else round(per_frame / DATA_ENGINE_SECONDS_PER_FRAME, 3),
    }


def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    env = stack_env(workdir)
    recreate_database(env["DATABASE_URL"])
    import redis

    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, check=True,
                   timeout=300, env={**env, "MASKLET_DB_POOL_MAX": "0", "PGAPPNAME": OWN_APP_NAME})
    clip = make_gt_clip(num_frames=args.frames, objects=args.objects, seed=args.seed)
    (workdir / "run").mkdir()
    with DemoStack(env, workdir / "run") as stack:
        log(f"stack up on {stack.url}")
        manager_token, annotator_token, _ = accounts(env)
        manager = Client(stack.url, manager_token, timeout=120)
        manager.session.trust_env = False
        project, video = setup_video(manager, ANNOTATOR, clip, workdir)
        log(f"clip ingested: video {video}, {args.frames} frames, objects {list(clip.objects)}")
        load_before = load_average()
        result = annotate(stack.url, annotator_token, project, video, clip, think=args.think, max_clicks=args.max_clicks)
        result["load_average"] = {"before": load_before, "after": load_average()}
        result["restarts"] = stack.restarts()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=40, help="frames of the generated clip (default 40)")
    parser.add_argument("--objects", type=int, default=2, choices=[1, 2], help="1: moving and occluded; 2: + entering late")
    parser.add_argument("--think", type=float, default=3.0, help="seconds a person takes per click (default 3)")
    parser.add_argument("--max-clicks", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not 4 <= args.frames <= 200 or not 0 <= args.think <= 30 or not 1 <= args.max_clicks <= 50:
        parser.error("--frames must be 4..200, --think 0..30 and --max-clicks 1..50")
    workdir = Path(tempfile.mkdtemp(prefix="masklet-bench-annotator-"))
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    log(f"uptime before: {uptime}")

    def out_of_time(*_: object) -> None:
        raise TimeoutError("the benchmark ran longer than 30 minutes")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.alarm(1800)
    try:
        result = run(args, workdir)
    finally:
        signal.alarm(0)
        _drop_database(os.environ.get("BENCH_ANNOTATOR_DATABASE_URL", DEFAULT_DB))
        if os.environ.get("MASKLET_BENCH_KEEP"):
            log(f"kept {workdir} (stack and worker logs: run/stack.log)")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
        uptime_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        log(f"uptime after: {uptime_after}")
    result["uptime"] = {"before": uptime, "after": uptime_after}
    print(json.dumps(result))


if __name__ == "__main__":
    main()

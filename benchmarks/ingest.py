"""Ingest benchmark through the real worker path: `python benchmarks/ingest.py`.

For bedroom.mp4 (200 frames, 960x540, 30 fps) and the same clip looped ten times (2,000 frames,
made by `benchmarks.ingest_decode.make_long_clip`, no re-encoding), each in turn:

1. a fresh Celery worker on the `cpu` queue (solo pool, as in the tests) is started against a
   benchmark database (`masklet_bench_ingest`, recreated and migrated each run; BENCH_INGEST_DATABASE_URL
   to use another), its own media folder and its own Redis database (BENCH_INGEST_REDIS_URL,
   default db 14: it is flushed, and must not be shared with a test session, whose workers would
   take the job);
2. once it is ready, its peak resident memory so far is read (VmHWM in /proc/<pid>/status: the
   idle worker with Django, Celery and every task module imported);
3. the clip is uploaded through `video_upload` (the service behind POST /api/projects/{id}/videos/),
   which queues the ingest job; the worker runs it (`annotation.tasks.ingest_video` → `run_job` →
   `video_ingest` → frames through `default_storage`);
4. when the job has finished, the worker's peak resident memory is read again, and it is stopped.

Figures: `fps` = annotated frames decoded, encoded and stored per second on bedroom (the job's
started_at → finished_at, which includes probing and hashing the file); `ratio` = the worker's
peak RSS with the long clip / with bedroom (goal <= 1.25: memory must not grow with the video's
length); `growth_*_mb` = peak minus the idle worker's peak, i.e. what the ingest itself added.
The last line printed is one JSON object. Exit status 1 when the ratio misses the goal.

The decoding library alone (no Django, no worker) is measured by `benchmarks/ingest_decode.py`.

    python benchmarks/ingest.py [--repeat 10] [--annotation-fps 6]
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
# Run as a script, this folder comes first on sys.path, where benchmarks/click.py would shadow the
# `click` package Celery imports: import from the repository root instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from benchmarks.common import peak_rss_mb, recreate_database  # noqa: E402
from benchmarks.ingest_decode import BEDROOM_MP4, make_long_clip  # noqa: E402

RSS_RATIO_GOAL = 1.25
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/masklet_bench_ingest"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"


def bench_env(media: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": os.environ.get("BENCH_INGEST_DATABASE_URL", DEFAULT_DB),
            "MEDIA_ROOT": media,
            "TEST_REDIS_URL": os.environ.get("BENCH_INGEST_REDIS_URL", DEFAULT_REDIS),
            "MASKLET_CHANNEL_PREFIX": "masklet-bench-ingest",
            "MASKLET_JOB_LOCK_TTL": "60",
            "OMP_NUM_THREADS": "2",
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


class BenchWorker:
    """A fresh Celery worker on the cpu queue; the solo pool runs tasks in this very process."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        self._out = open(log, "ab")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "cpu", "--pool=solo",
             "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"bench-ingest-{time.monotonic_ns()}@%h"],
            cwd=ROOT, env=env, stdout=self._out, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while b"ready." not in log.read_bytes():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)

    def peak_rss_mb(self) -> float:
        return peak_rss_mb(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self._out.close()


def ingest_with_worker(source: Path, *, env: dict[str, str], logs: Path, annotation_fps: float | None,
                       label: str) -> dict[str, Any]:
    """Upload `source` into a new project and let a fresh worker ingest it; its figures."""
    from django.contrib.auth import get_user_model
    from django.core.files import File

    from annotation.models import Video
    from annotation.services.projects import project_create
    from annotation.services.videos import video_upload

    user, _ = get_user_model().objects.get_or_create(username="bench-ingest")
    project = project_create(user=user, name=f"ingest {label}", annotation_fps=annotation_fps)
    worker = BenchWorker(env, logs / f"worker-{label}.log")
    try:
        idle_peak = worker.peak_rss_mb()
        with open(source, "rb") as handle:
            video, job = video_upload(project=project, user=user, upload=File(handle, name=source.name),
                                      name=source.name)
        deadline = time.monotonic() + 1800
        while True:
            job.refresh_from_db()
            if job.is_finished:
                break
            if worker.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the worker died or stalled:\n{worker.log.read_text()[-3000:]}")
            time.sleep(0.1)
        peak = worker.peak_rss_mb()
    finally:
        worker.stop()
    if job.status != "succeeded":
        raise RuntimeError(f"ingest {job.status}: {job.error}")
    video = Video.objects.get(pk=video.pk)
    seconds = (job.finished_at - job.started_at).total_seconds()
    return {
        "source": source.name,
        "size_bytes": source.stat().st_size,
        "source_frames": video.source_frame_count,
        "annotated_frames": video.frame_count,
        "width": video.width,
        "height": video.height,
        "seconds": round(seconds, 3),
        "fps": round(video.frame_count / seconds, 1),
        "queued_to_done_s": round((job.finished_at - job.created_at).total_seconds(), 3),
        "idle_worker_peak_rss_mb": round(idle_peak, 1),
        "peak_rss_mb": round(peak, 1),
        "growth_mb": round(peak - idle_peak, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ingest benchmark through the Celery worker.")
    parser.add_argument("--repeat", type=int, default=10, help="loops of bedroom in the long clip")
    parser.add_argument("--annotation-fps", type=float, default=None, help="project rate (default: every frame)")
    args = parser.parse_args(argv)

    media = tempfile.mkdtemp(prefix="masklet-bench-ingest-")
    env = bench_env(media)
    recreate_database(env["DATABASE_URL"])
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    import django

    django.setup()
    import redis

    redis.Redis.from_url(env["TEST_REDIS_URL"]).flushdb()
    long_clip = make_long_clip(args.repeat)
    try:
        short = ingest_with_worker(BEDROOM_MP4, env=env, logs=Path(media), annotation_fps=args.annotation_fps,
                                   label="bedroom")
        long = ingest_with_worker(long_clip, env=env, logs=Path(media), annotation_fps=args.annotation_fps,
                                  label=f"bedroom-x{args.repeat}")
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(media, ignore_errors=True)

    figures = {
        "fps": short["fps"],
        "fps_long": long["fps"],
        "peak_rss_short_mb": short["peak_rss_mb"],
        "peak_rss_long_mb": long["peak_rss_mb"],
        "ratio": round(long["peak_rss_mb"] / short["peak_rss_mb"], 3),
        "growth_short_mb": short["growth_mb"],
        "growth_long_mb": long["growth_mb"],
        "ratio_goal": RSS_RATIO_GOAL,
        "repeat": args.repeat,
        "annotation_fps": args.annotation_fps,
        "path": "celery worker (solo) -> annotation.tasks.ingest_video -> run_job -> video_ingest -> default_storage",
        "short": short,
        "long": long,
    }
    figures["ratio_ok"] = figures["ratio"] <= RSS_RATIO_GOAL
    for name in ("short", "long"):
        run = figures[name]
        print(
            f"{name:5s} {run['annotated_frames']:5d} frames in {run['seconds']:6.2f} s ({run['fps']:.1f} fps); "
            f"worker peak RSS {run['peak_rss_mb']:.1f} MiB (idle {run['idle_worker_peak_rss_mb']:.1f} MiB, "
            f"+{run['growth_mb']:.1f} MiB)",
            file=sys.stderr,
        )
    print(json.dumps(figures))
    return 0 if figures["ratio_ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())

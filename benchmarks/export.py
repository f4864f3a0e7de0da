"""Export and import throughput and memory: `python benchmarks/export.py`.

Against a benchmark database (`masklet_bench`, recreated and migrated each run; set
BENCH_DATABASE_URL to use another), for 10,000 and 100,000 frame masks it:

1. writes a synthetic SA-V manual file (20 moving, resizing ellipses on 128x96 frames; 500 or
   5,000 annotated frames) with the formats writer;
2. imports it into a video, then exports that video as SA-V, COCO and DAVIS, then imports the
   COCO and DAVIS exports into fresh videos.

Every import and export runs in its own fresh subprocess through the Celery task function
itself (`annotation.tasks.run_import` / `run_export` called in-process: job runner, lock,
service body, storage; no broker), and reports its wall time and its peak resident memory
(ru_maxrss, which includes Django's own ~120 MB). The last line printed is one JSON object:
masks per second per format and direction at 100,000 masks, peak RSS per operation at both
sizes, and `ratio` = the largest peak(100k) / peak(10k) over all operations.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on sys.path, where sibling benchmarks (click.py)
# would shadow installed packages of the same name (celery imports click).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

from benchmarks.common import recreate_database  # noqa: E402

SIZES = tuple(int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000").split(","))
MASKLETS = 20
WIDTH, HEIGHT = 128, 96  # pixels
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/masklet_bench"


# ---------------------------------------------------------------------------------------------
# Parent: database, subprocesses, summary


def _env(media: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB),
            "MEDIA_ROOT": media,
            "TEST_REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11"),
            "MASKLET_CHANNEL_PREFIX": "masklet-bench",
            "MASKLET_JOB_LOCK_TTL": "60",
            "OMP_NUM_THREADS": "1",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def _child(env: dict[str, str], *args: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{args} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    media = tempfile.mkdtemp(prefix="masklet-bench-media-")
    env = _env(media)
    try:
        recreate_database(env["DATABASE_URL"])
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        runs: dict[int, dict[str, Any]] = {}
        for size in SIZES:
            setup = _child(env, "setup", str(size))
            ops: dict[str, Any] = {}
            ops["import_sav"] = _child(env, "import", str(setup["videos"][0]), setup["file"], "sav")
            for fmt in ("sav", "coco", "davis"):
                ops[f"export_{fmt}"] = _child(env, "export", str(setup["videos"][0]), fmt)
            for i, fmt in enumerate(("coco", "davis"), start=1):
                path = str(Path(media) / ops[f"export_{fmt}"]["path"])
                ops[f"import_{fmt}"] = _child(env, "import", str(setup["videos"][i]), path, fmt)
            for name, op in ops.items():
                if op["masks"] != size:
                    raise RuntimeError(f"{name} at {size}: {op['masks']} masks, expected {size}")
                print(
                    f"{size:>7} masks  {name:<13} {op['seconds']:7.2f} s  "
                    f"{op['masks'] / op['seconds']:9.0f} masks/s  peak {op['peak_rss_mb']:6.1f} MB",
                    file=sys.stderr,
                    flush=True,
                )
            runs[size] = {"setup": setup, "ops": ops}
    finally:
        shutil.rmtree(media, ignore_errors=True)

    small, large = SIZES
    ops = list(runs[large]["ops"])
    peaks = {
        name: {str(size): round(runs[size]["ops"][name]["peak_rss_mb"], 1) for size in SIZES}
        for name in ops
    }
    ratios = {
        name: round(
            max(p[str(small)], p[str(large)]) / min(p[str(small)], p[str(large)]),
            3,
        )
        for name, p in peaks.items()
    }
    rates = {
        name: round(runs[large]["ops"][name]["masks"] / runs[large]["ops"][name]["seconds"], 1)
        for name in ops
    }
    summary = {
        "benchmark": "export/import of frame masks through the job code path",
        "sizes": {
            "masks": list(SIZES),
            "masklets": MASKLETS,
            "frame_width": WIDTH,
            "frame_height": HEIGHT,
            "annotated_frames": {str(s): s // MASKLETS for s in SIZES},
            "mean_mask_area_px": runs[large]["setup"]["mean_area"],
        },
        "masks_per_second": {
            "export": {fmt: rates[f"export_{fmt}"] for fmt in ("sav", "coco", "davis")},
            "import": {fmt: rates[f"import_{fmt}"] for fmt in ("sav", "coco", "davis")},
        },
        "seconds_100k": {name: round(runs[large]["ops"][name]["seconds"], 2) for name in ops},
        "peak_rss_mb": peaks,
        "ratio_by_operation": ratios,
        "ratio": max(ratios.values()),
        "worst_operation": max(ratios, key=ratios.get),  # type: ignore[arg-type]
        "export_bytes_100k": {
            fmt: runs[large]["ops"][f"export_{fmt}"]["size_bytes"]
            for fmt in ("sav", "coco", "davis")
        },
    }
    print(json.dumps(summary))


# ---------------------------------------------------------------------------------------------
# Children: one operation each, in a fresh process


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _synthetic_rows(frames: int) -> Any:
    """FrameRows of MASKLETS ellipses drifting and breathing across the frame."""
    import numpy as np

    import maskcodec
    from annotation.formats.model import FrameRow

    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH]
    rng = np.random.default_rng(6)
    start = rng.uniform([10, 10], [WIDTH - 10, HEIGHT - 10], size=(MASKLETS, 2))
    speed = rng.uniform(-0.7, 0.7, size=(MASKLETS, 2))
    radius = rng.uniform(4, 14, size=(MASKLETS, 2))
    for frame in range(frames):
        masks = {}
        for k in range(MASKLETS):
            cx, cy = (start[k] + speed[k] * frame) % [WIDTH, HEIGHT]
            breathe = 1 + 0.25 * np.sin(frame / 9 + k)
            rx, ry = radius[k] * breathe
            inside = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1
            masks[k] = maskcodec.encode(inside)
        yield FrameRow(frame, masks)


def child_setup(size: int) -> dict[str, Any]:
    """A project, three empty videos (source, COCO copy, DAVIS copy) and the SA-V file."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from annotation.formats.model import MaskletMeta, VideoMeta
    from annotation.formats.sav import write_sav
    from annotation.models import Video
    from annotation.services import projects as project_services

    frames = size // MASKLETS
    user = get_user_model().objects.create_user(username=f"bench{size}")
    project = project_services.project_create(user=user, name=f"bench {size}")
    videos = [
        Video.objects.create(
            project=project,
            name=f"bench_{size}_{role}",
            status="ready",
            kind="video",
            width=WIDTH,
            height=HEIGHT,
            source_fps=24.0,
            annotation_fps=24.0,
            source_frame_count=frames,
            duration=frames / 24,
            frame_count=frames,
            frame_times=[i / 24 for i in range(frames)],
            source_frames=list(range(frames)),
            created_by=user,
        ).pk
        for role in ("source", "coco", "davis")
    ]
    meta = VideoMeta(f"bench_{size}", WIDTH, HEIGHT, frames, frames, frames / 24)
    path = Path(settings.MEDIA_ROOT) / f"bench_{size}_manual.json"
    with open(path, "wb") as out:
        part = write_sav(
            out, meta, [MaskletMeta(k) for k in range(MASKLETS)], _synthetic_rows(frames)
        )
    areas = json.loads(path.read_text())["masklet_size_abs"]
    return {
        "videos": videos,
        "file": str(path),
        "masks": part.masks,
        "mean_area": round(sum(areas) / len(areas), 1),
    }


def _job(kind: str, video_id: int, params: dict[str, Any]) -> Any:
    from annotation.models import Job, Video

    video = Video.objects.get(pk=video_id)
    # Created directly: job_create would also send the task to a broker.
    return Job.objects.create(
        project_id=video.project_id,
        video=video if kind == "import" else None,
        kind=kind,
        params=params,
        created_by=video.created_by,
    )


def _finish(job: Any, seconds: float, masks: int, **extra: Any) -> dict[str, Any]:
    job.refresh_from_db()
    if job.status != "succeeded":
        raise RuntimeError(f"{job.kind} job failed: {job.error}")
    return {"seconds": seconds, "masks": masks, "peak_rss_mb": _peak_mb(), **extra}


def child_import(video_id: int, path: str, fmt: str) -> dict[str, Any]:
    from django.core.files import File
    from django.core.files.storage import default_storage

    from annotation.models import FrameMask
    from annotation.tasks import run_import

    with open(path, "rb") as f:
        stored = default_storage.save(f"imports/{video_id}/{Path(path).name}", File(f))
    job = _job("import", video_id, {"format": fmt, "path": stored})
    start = time.perf_counter()
    run_import(job.pk)  # the Celery task body, in this process
    seconds = time.perf_counter() - start
    return _finish(job, seconds, FrameMask.objects.filter(masklet__video_id=video_id).count())


def child_export(video_id: int, fmt: str) -> dict[str, Any]:
    from annotation.tasks import run_export

    job = _job("export", video_id, {"format": fmt, "videos": [video_id]})
    start = time.perf_counter()
    run_export(job.pk)
    seconds = time.perf_counter() - start
    job.refresh_from_db()
    result = job.result
    return _finish(
        job,
        seconds,
        result.get("frame_masks", 0),
        path=result.get("path"),
        size_bytes=result.get("size_bytes"),
    )


def child(args: list[str]) -> None:
    import django

    django.setup()
    kind = args[0]
    if kind == "setup":
        out = child_setup(int(args[1]))
    elif kind == "import":
        out = child_import(int(args[1]), args[2], args[3])
    elif kind == "export":
        out = child_export(int(args[1]), args[2])
    else:
        raise SystemExit(f"unknown child {kind}")
    print(json.dumps(out))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        sys.path.insert(0, str(ROOT))
        child(sys.argv[2:])
    else:
        main()

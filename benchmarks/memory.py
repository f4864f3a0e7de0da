"""Peak resident memory of propagation over 100 and over 1000 frames: platform and bare predictor.

`.venv/bin/python benchmarks/memory.py [--image-size 256] [--short 100] [--long 1000] [--bare-long N]`

Platform side: for each length, a fresh Celery `batch` worker (SAM 2.1 tiny, random weights,
official checkpoint layout, loaded at start) runs one propagation job from frame 0 to the end of
a video of bedroom frames (960x540, the 200 frames played back and forth), reading frames lazily
from storage and storing masks in PostgreSQL as they come. Its peak RSS is the worker process's
VmHWM (model, Django and all). Once the worker is ready (model loaded) its high-water mark is
reset (`/proc/<pid>/clear_refs`), so `growth_mb` = VmHWM after the job - RSS before it is what
the job itself added, no longer hidden under the peak of loading the model. The click on frame 0
is made on a separate `interactive` worker.

Bare side: benchmarks/bare_predictor.py in a fresh process on the same frames and click
(`init_state` holds every frame in memory, tracked state is never dropped); its peak RSS is the
process's ru_maxrss, and its growth is measured the same way from after the model was built; it
runs on the platform worker's device. `--bare-long` measures the bare loop at fewer frames than
`--long` when the full run is too slow; the JSON says so.

The last line is one JSON object; `ratio` = platform peak at the long length / at the short
length (goal <= 1.25); `platform_growth_mb` beside it is what each job added to the worker.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bare_predictor import reset_peak_rss, run_bare_in_subprocess, vm_hwm_mib, vm_rss_mib  # noqa: E402
from benchmarks.common import THREADS, Platform, api_client, load_average, torch_device, wait_job  # noqa: E402

POINT = [460.0, 200.0]


def platform_run(platform: Platform, frames: int) -> dict[str, float]:
    user, video = platform.bedroom_video(frames)
    client = api_client(user)
    masklet = client.post(f"/api/videos/{video.pk}/masklets/", {"name": "child"}, format="json").json()["id"]
    answer = client.post(f"/api/masklets/{masklet}/prompts/", {"frame": 0, "points": [POINT], "labels": [1]},
                         format="json")
    assert answer.status_code == 200, answer.content
    worker = platform.start_worker("batch,cpu", name=f"batch-{frames}")
    peak_with_loading = vm_hwm_mib(worker.pid)
    reset_peak_rss(worker.pid)  # from here VmHWM is the job's peak, not the model's loading
    loaded = vm_rss_mib(worker.pid)
    from django.utils import timezone

    requested = timezone.now()
    response = client.post(f"/api/videos/{video.pk}/propagations/",
                           {"masklets": [masklet], "start_frame": 0, "direction": "forward"}, format="json")
    assert response.status_code == 202, response.content
    job = wait_job(response.json()["job"], timeout=4 * 3600, poll=2.0)
    seconds = (job.finished_at - requested).total_seconds()
    assert job.status == "succeeded", job.error
    assert job.result["frames_stored"] == frames - 1
    peak = max(vm_hwm_mib(worker.pid), peak_with_loading)
    growth = vm_hwm_mib(worker.pid) - loaded
    platform.stop(worker)
    return {"peak_rss_mb": round(peak, 1), "rss_after_model_load_mb": round(loaded, 1),
            "peak_with_loading_mb": round(peak_with_loading, 1), "growth_mb": round(growth, 1),
            "seconds": round(seconds, 1), "s_per_frame": round(seconds / frames, 4)}


def bare_run(platform: Platform, frames: int, image_size: int) -> dict[str, float]:
    folder = platform.frame_folder(frames)
    bare = run_bare_in_subprocess(
        checkpoint=str(platform.checkpoint), frames_dir=str(folder), image_size=image_size,
        points=[POINT], labels=[1], frame=0, threads=THREADS, device=platform.device,
    )
    seconds = bare["init_state_s"] + bare["click_s"] + bare["propagate_s"]
    return {"peak_rss_mb": round(bare["peak_rss_mib"], 1), "rss_after_init_state_mb": round(bare["rss_after_init_mib"], 1),
            "growth_mb": round(bare["growth_mib"], 1), "seconds": round(seconds, 1), "s_per_frame": round(seconds / frames, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--image-size", type=int, default=256)
    parser.add_argument("--short", type=int, default=100)
    parser.add_argument("--long", type=int, default=1000)
    parser.add_argument("--bare-long", type=int, default=None, help="bare loop's long length (default: --long)")
    args = parser.parse_args()
    load_at_start = load_average()
    bare_long = args.bare_long or args.long

    with Platform("memory", image_size=args.image_size, device=torch_device()) as platform:
        platform.start_worker("interactive", name="interactive")
        results: dict[str, dict[str, dict[str, float]]] = {"platform": {}, "bare": {}}
        for frames, bare_frames in ((args.short, args.short), (args.long, bare_long)):
            results["platform"][str(frames)] = platform_run(platform, frames)
            print(f"platform {frames} frames: {results['platform'][str(frames)]}", file=sys.stderr, flush=True)
            results["bare"][str(bare_frames)] = bare_run(platform, bare_frames, args.image_size)
            print(f"bare {bare_frames} frames: {results['bare'][str(bare_frames)]}", file=sys.stderr, flush=True)

    p_short = results["platform"][str(args.short)]["peak_rss_mb"]
    p_long = results["platform"][str(args.long)]["peak_rss_mb"]
    b_short = results["bare"][str(args.short)]["peak_rss_mb"]
    b_long = results["bare"][str(bare_long)]["peak_rss_mb"]
    result = {
        "benchmark": "memory",
        "model": "SAM 2.1 hiera-tiny, random weights, official checkpoint layout",
        "image_size": args.image_size,
        "video": "bedroom 960x540 JPEG frames, played back and forth",
        "torch_threads": THREADS,
        "platform": results["platform"],
        "bare": results["bare"],
        "bare_long_frames": bare_long,
        "bare_note": None if bare_long == args.long else f"bare loop measured at {bare_long} frames, not {args.long}",
        "platform_peak_mb": {"short": p_short, "long": p_long},
        "bare_peak_mb": {"short": b_short, "long": b_long},
        "bare_ratio": round(b_long / b_short, 4),
        # Growth during the job: the worker's peak RSS since the model was loaded (VmHWM reset
        # through /proc/<pid>/clear_refs once the worker was ready) above its RSS then; the bare
        # loop's likewise from after build_sam2_video_predictor.
        "platform_growth_mb": {"short": results["platform"][str(args.short)]["growth_mb"],
                               "long": results["platform"][str(args.long)]["growth_mb"]},
        "bare_growth_mb": {"short": results["bare"][str(args.short)]["growth_mb"],
                           "long": results["bare"][str(bare_long)]["growth_mb"]},
        "load_average": {"start": load_at_start, "end": load_average(), "cpus": os.cpu_count()},
        "goal": "ratio <= 1.25",
        "ratio": round(p_long / p_short, 4),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""A propagation job end to end against the bare official predictor loop, same frames, model, prompt.

`.venv/bin/python benchmarks/propagation.py [--image-size 512] [--frames 40] [--repeat 2]`

Platform side: `POST /api/videos/{id}/propagations/` (Django test client, this process) -> Celery
`batch` worker (SAM 2.1 tiny, random weights, official checkpoint layout, loaded at worker start)
-> frames read lazily from storage -> masks post-processed, RLE-encoded and stored in PostgreSQL
in batches with the job's checkpoint -> job succeeded; timed from the request until the job row
says succeeded. The click on the start frame is made first through the API on a separate
`interactive` worker (not timed), so the batch worker starts with no cached features, and every
run uses a fresh video (same frames) so nothing is cached between runs.

Bare side: benchmarks/bare_predictor.py in a fresh process: `build_sam2_video_predictor`
(not timed), `init_state` on the same JPEG folder, `add_new_points_or_box` with the same click,
`propagate_in_video` over the same frames; timed from init_state to the last frame.

Runs alternate bare / platform; the last line is one JSON object with `ratio` = median platform
time / median bare time (goal <= 1.10).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bare_predictor import run_bare_in_subprocess  # noqa: E402
from benchmarks.common import THREADS, Platform, api_client, load_average, summary, wait_job  # noqa: E402

POINT = [460.0, 200.0]  # the child on the bedroom frames (960x540)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--image-size", type=int, default=512)
    parser.add_argument("--frames", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    load_at_start = load_average()

    with Platform("propagation", image_size=args.image_size) as platform:
        platform.start_worker("interactive", name="interactive")
        platform.start_worker("batch,cpu", name="batch")
        folder = platform.frame_folder(args.frames)
        runs = []
        for _ in range(args.repeat):
            user, video = platform.bedroom_video(args.frames)
            client = api_client(user)
            masklet = client.post(f"/api/videos/{video.pk}/masklets/", {"name": "child"}, format="json").json()["id"]
            answer = client.post(f"/api/masklets/{masklet}/prompts/", {"frame": 0, "points": [POINT], "labels": [1]},
                                 format="json")
            assert answer.status_code == 200, answer.content
            runs.append((client, video, masklet))

        bare_s: list[float] = []
        platform_s: list[float] = []
        worker_s: list[float] = []
        bare_runs = []
        for client, video, masklet in runs:
            bare = run_bare_in_subprocess(
                checkpoint=str(platform.checkpoint), frames_dir=str(folder), image_size=args.image_size,
                points=[POINT], labels=[1], frame=0, threads=THREADS,
            )
            bare_runs.append(bare)
            bare_s.append(bare["init_state_s"] + bare["click_s"] + bare["propagate_s"])

            from django.utils import timezone

            requested = timezone.now()
            response = client.post(f"/api/videos/{video.pk}/propagations/",
                                   {"masklets": [masklet], "start_frame": 0, "direction": "forward"}, format="json")
            assert response.status_code == 202, response.content
            job = wait_job(response.json()["job"], timeout=3600)
            platform_s.append((job.finished_at - requested).total_seconds())
            assert job.status == "succeeded", job.error
            assert job.result["frames_stored"] == args.frames - 1
            from annotation.models import FrameMask

            assert FrameMask.objects.filter(masklet_id=masklet).count() == args.frames
            worker_s.append((job.finished_at - job.started_at).total_seconds())
            print(f"bare {bare_s[-1]:.2f} s ({bare['frames']} frames), platform {platform_s[-1]:.2f} s "
                  f"(worker {worker_s[-1]:.2f} s)", file=sys.stderr, flush=True)

    bare_median, platform_median = statistics.median(bare_s), statistics.median(platform_s)
    result = {
        "benchmark": "propagation",
        "model": "SAM 2.1 hiera-tiny, random weights, official checkpoint layout",
        "image_size": args.image_size,
        "frames": args.frames,
        "video": "bedroom 960x540 JPEG frames",
        "torch_threads": THREADS,
        "platform_s": summary(platform_s),
        "platform_job_running_s": summary(worker_s),
        "platform_s_per_frame": round(platform_median / args.frames, 4),
        "bare_s": summary(bare_s),
        "bare_parts_s": {
            key: round(statistics.median(r[key] for r in bare_runs), 4)
            for key in ("init_state_s", "click_s", "propagate_s")
        },
        "bare_s_per_frame": round(bare_median / args.frames, 4),
        "runs": args.repeat,
        "load_average": {"start": load_at_start, "end": load_average(), "cpus": os.cpu_count()},
        "goal": "ratio <= 1.10",
        "ratio": round(platform_median / bare_median, 4),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

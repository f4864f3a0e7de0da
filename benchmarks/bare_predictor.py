"""The bare official SAM 2 loop, for benchmarks that compare the platform against it.

"Bare" means exactly what sam2's README does: `build_sam2_video_predictor`, `init_state` on a
JPEG folder, `add_new_points_or_box`, `propagate_in_video`. Same frames, model and prompts as
the platform side, so benchmarks/propagation.py and benchmarks/memory.py can put the two side by
side. Peak RSS is per process, so each measured run happens in a fresh subprocess
(`run_bare_in_subprocess`); `run_bare_propagation` is the in-process body.

    python -m benchmarks.bare_predictor --checkpoint CKPT --frames DIR [--image-size 256]
        [--point X Y] [--max-frames N] [--threads 2]      # prints one JSON object

Frame folders: `write_frame_folder(folder, num_frames)` writes N frames 00000.jpg ... from the
synthetic clip (ping-pong looped, so motion stays continuous) or by cycling a real frame folder.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def write_frame_folder(
    folder: str | os.PathLike[str],
    num_frames: int,
    width: int = 640,
    height: int = 480,
    source_dir: str | os.PathLike[str] | None = None,
    seed: int = 0,
) -> dict[str, Any]:
    """Write `num_frames` JPEGs named 00000.jpg ... to `folder` (created; emptied first).

    Without `source_dir`: the synthetic clip (textured object, occluder) at width x height,
    40 rendered frames played forward and back. With `source_dir`: its JPEGs in order, cycled,
    copied byte for byte (width/height ignored). Returns {"folder", "num_frames", "width",
    "height", "first_box": [x0, y0, x1, y1] (synthetic only), "first_point": [x, y]}.
    """
    import cv2

    out = Path(folder)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if source_dir is not None:
        sources = sorted(
            p for p in Path(source_dir).iterdir() if p.suffix.lower() in (".jpg", ".jpeg")
        )
        if not sources:
            raise ValueError(f"{source_dir} holds no JPEG frames")
        for i in range(num_frames):
            shutil.copyfile(sources[i % len(sources)], out / f"{i:05d}.jpg")
        first = cv2.imread(str(sources[0]))
        h, w = first.shape[:2]
        return {
            "folder": str(out),
            "num_frames": num_frames,
            "width": w,
            "height": h,
            "first_box": None,
            "first_point": [w / 2, h / 2],
        }

    from inference.engine.synthetic import make_clip

    clip = make_clip(num_frames=40, width=width, height=height, seed=seed)
    cycle = list(range(40)) + list(range(38, 0, -1))
    for i in range(num_frames):
        bgr = cv2.cvtColor(clip.frames[cycle[i % len(cycle)]], cv2.COLOR_RGB2BGR)
        cv2.imwrite(str(out / f"{i:05d}.jpg"), bgr, [cv2.IMWRITE_JPEG_QUALITY, 95])
    x0, y0, x1, y1 = (float(v) for v in clip.boxes[0])
    return {
        "folder": str(out),
        "num_frames": num_frames,
        "width": width,
        "height": height,
        "first_box": [x0, y0, x1, y1],
        "first_point": [(x0 + x1) / 2, (y0 + y1) / 2],
    }


def run_bare_propagation(
    checkpoint: str,
    frames_dir: str,
    model_config: str = "configs/sam2.1/sam2.1_hiera_t.yaml",
    image_size: int | None = None,
    points: list[list[float]] | None = None,
    labels: list[int] | None = None,
    box: list[float] | None = None,
    frame: int = 0,
    max_frames: int | None = None,
    device: str = "cpu",
    threads: int = 2,
) -> dict[str, Any]:
    """Run the official loop in this process; timings in seconds, memory in MiB.

    Returns {"side": "bare", "load_s", "init_state_s", "click_s", "propagate_s",
    "s_per_frame", "frames", "peak_rss_mib", "rss_after_init_mib", "image_size"}.
    `max_frames` counts frames yielded, start frame included (None: to the end).
    """
    import torch

    torch.set_num_threads(threads)
    from sam2.build_sam import build_sam2_video_predictor

    overrides = [f"++model.image_size={image_size}"] if image_size else []
    t0 = time.perf_counter()
    predictor = build_sam2_video_predictor(
        model_config, checkpoint, device=device, hydra_overrides_extra=overrides
    )
    t1 = time.perf_counter()
    with torch.inference_mode():
        state = predictor.init_state(video_path=frames_dir)
        t2 = time.perf_counter()
        rss_after_init = peak_rss_mib()
        predictor.add_new_points_or_box(
            state, frame_idx=frame, obj_id=1, points=points, labels=labels, box=box
        )
        t3 = time.perf_counter()
        count = 0
        track = None if max_frames is None else max_frames - 1
        for _ in predictor.propagate_in_video(
            state, start_frame_idx=frame, max_frame_num_to_track=track
        ):
            count += 1
        t4 = time.perf_counter()
    return {
        "side": "bare",
        "load_s": t1 - t0,
        "init_state_s": t2 - t1,
        "click_s": t3 - t2,
        "propagate_s": t4 - t3,
        "s_per_frame": (t4 - t3) / max(1, count),
        "frames": count,
        "peak_rss_mib": peak_rss_mib(),
        "rss_after_init_mib": rss_after_init,
        "image_size": int(predictor.image_size),
    }


def run_bare_in_subprocess(timeout: float | None = None, **kwargs: Any) -> dict[str, Any]:
    """`run_bare_propagation(**kwargs)` in a fresh Python process (so peak RSS is its own)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        "OMP_NUM_THREADS": str(kwargs.get("threads", 2)),
        "TQDM_DISABLE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bare_predictor", "--kwargs-json", json.dumps(kwargs)],
        cwd=ROOT,  # never a folder holding a sam2/ checkout
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bare predictor run failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run the bare official SAM 2 loop once; print JSON."
    )
    parser.add_argument(
        "--kwargs-json", help="all arguments of run_bare_propagation as one JSON object"
    )
    parser.add_argument("--checkpoint")
    parser.add_argument("--frames")
    parser.add_argument("--model-config", default="configs/sam2.1/sam2.1_hiera_t.yaml")
    parser.add_argument("--image-size", type=int)
    parser.add_argument("--point", type=float, nargs=2, metavar=("X", "Y"))
    parser.add_argument("--max-frames", type=int)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    if args.kwargs_json:
        kwargs = json.loads(args.kwargs_json)
    else:
        if not args.checkpoint or not args.frames:
            parser.error("--checkpoint and --frames are required (or --kwargs-json)")
        point = args.point or [0.0, 0.0]
        kwargs = {
            "checkpoint": args.checkpoint,
            "frames_dir": args.frames,
            "model_config": args.model_config,
            "image_size": args.image_size,
            "points": [point],
            "labels": [1],
            "max_frames": args.max_frames,
            "threads": args.threads,
        }
    os.environ.setdefault("TQDM_DISABLE", "1")
    print(json.dumps(run_bare_propagation(**kwargs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

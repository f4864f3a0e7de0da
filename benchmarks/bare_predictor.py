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


def reset_peak_rss(pid: int | str = "self") -> None:
    """Reset a process's VmHWM to its current RSS (Linux: "5" to /proc/<pid>/clear_refs), so a
    peak read later covers only what happened since (not model loading)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def vm_hwm_mib(pid: int | str = "self") -> float:
    """VmHWM (peak RSS since start or since `reset_peak_rss`) of a process, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status")


def cpu_seconds(pid: int | str = "self") -> float:
    """CPU time (user + system, all threads) a process has used, from /proc/<pid>/stat: a figure
    other processes on a shared machine disturb far less than wall time."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def vm_rss_mib(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc status")


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
    objects: list[list[float]] | None = None,
    inline_postprocess: dict[str, int] | None = None,
    warmup_frames: int = 0,
) -> dict[str, Any]:
    """Run the official loop in this process; timings in seconds, memory in MiB.

    One object prompted with `points`/`labels`/`box`, or with `objects`: one positive click
    [x, y] per object (object ids 1, 2, ...). With `inline_postprocess` (PostprocessParams
    fields), each object's mask is thresholded, cleaned up (inference/engine/postprocess.py) and
    RLE-encoded (maskcodec) inline as frames come, as a user of sam2 must to keep the masks; the
    seconds spent so are `postprocess_s` and `encode_s` (inside `propagate_s`). With
    `warmup_frames`, the same loop first runs untimed over that many frames (then
    `reset_state`), so the timed run is as warm as a worker that has served a job.

    Returns {"side": "bare", "load_s", "init_state_s", "click_s", "propagate_s",
    "postprocess_s", "encode_s", "s_per_frame", "cpu_s" (CPU time of the timed run), "frames",
    "objects", "peak_rss_mib",
    "rss_after_init_mib" (peak RSS of the timed run once init_state is done), "growth_mib" (peak
    RSS of the timed run above the RSS before it: the model loaded, warm when warmed up),
    "image_size", "device"}.
    `max_frames` counts frames yielded, start frame included (None: to the end).
    """
    import torch

    torch.set_num_threads(threads)
    from sam2.build_sam import build_sam2_video_predictor

    prompts = [{"points": [p], "labels": [1]} for p in objects] if objects else [
        {"points": points, "labels": labels, "box": box}]
    clean = None
    if inline_postprocess is not None:
        import maskcodec
        from inference.engine.postprocess import PostprocessParams, postprocess_mask

        params = PostprocessParams(**inline_postprocess)
        clean = (params, postprocess_mask, maskcodec.encode)

    overrides = [f"++model.image_size={image_size}"] if image_size else []
    t0 = time.perf_counter()
    predictor = build_sam2_video_predictor(
        model_config, checkpoint, device=device, hydra_overrides_extra=overrides
    )
    t1 = time.perf_counter()

    def one_run(track: int | None) -> dict[str, float]:
        out = {"postprocess_s": 0.0, "encode_s": 0.0, "frames": 0}
        started = time.perf_counter()
        state = predictor.init_state(video_path=frames_dir)
        out["init_state_s"] = time.perf_counter() - started
        out["rss_after_init_mib"] = vm_hwm_mib()  # the timed run: since the reset before it
        started = time.perf_counter()
        for obj_id, prompt in enumerate(prompts, start=1):
            predictor.add_new_points_or_box(state, frame_idx=frame, obj_id=obj_id, **prompt)
        out["click_s"] = time.perf_counter() - started
        started = time.perf_counter()
        for _, _, video_res_masks in predictor.propagate_in_video(
            state, start_frame_idx=frame, max_frame_num_to_track=track
        ):
            out["frames"] += 1
            if clean is not None:
                params, postprocess, encode = clean
                for i in range(video_res_masks.shape[0]):
                    t = time.perf_counter()
                    mask = postprocess((video_res_masks[i, 0] > 0).cpu().numpy(), params)
                    out["postprocess_s"] += time.perf_counter() - t
                    t = time.perf_counter()
                    encode(mask)
                    out["encode_s"] += time.perf_counter() - t
        out["propagate_s"] = time.perf_counter() - started
        predictor.reset_state(state)
        return out

    with torch.inference_mode():
        if warmup_frames:
            one_run(warmup_frames - 1)
        reset_peak_rss()
        rss_before = vm_rss_mib()
        cpu_before = cpu_seconds()
        run = one_run(None if max_frames is None else max_frames - 1)
        cpu = cpu_seconds() - cpu_before
        growth = vm_hwm_mib() - rss_before
    return {
        "side": "bare",
        "load_s": t1 - t0,
        **{k: run[k] for k in ("init_state_s", "click_s", "propagate_s", "postprocess_s", "encode_s")},
        "s_per_frame": run["propagate_s"] / max(1, run["frames"]),
        "cpu_s": cpu,
        "frames": run["frames"],
        "objects": len(prompts),
        "peak_rss_mib": peak_rss_mib(),
        "rss_after_init_mib": run["rss_after_init_mib"],
        "growth_mib": growth,
        "image_size": int(predictor.image_size),
        "device": device,
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
    parser.add_argument("--device", default="cpu")
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
            "device": args.device,
        }
    os.environ.setdefault("TQDM_DISABLE", "1")
    print(json.dumps(run_bare_propagation(**kwargs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

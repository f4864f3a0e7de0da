"""The engine's backends side by side on the bedroom clip: propagation seconds per frame and click
latency of OpenCV, SAM 2.1 tiny (sam2 package), EdgeTAM and SAM 3's tracker (transformers).

`.venv/bin/python benchmarks/models.py [--image-size 512] [--frames 30] [--clicks 5]
    [--backends opencv sam2 edgetam sam3] [--quick]`

Every model has random weights at its published architecture: SAM 2.1 hiera-tiny from the official
config (inference.engine.random_checkpoint), EdgeTAM and SAM 3 from transformers' default
configurations (`hf_random`: RepViT-M1 EdgeTAM as facebook/EdgeTAM; the full SAM 3 with its
32-layer ViT, of which the tracker loads the vision backbone), each at the input size asked for
(SAM 3's must be a multiple of its 14 px patch: 512 becomes 504, and the JSON says so). Speed does
not depend on the weights' values. The folders are written once into MASKLET_BENCH_CACHE.

Per backend, through the engine's own API (`get_backend`, sessions on a FolderFrameSource of the
bedroom JPEG frames, 960x540): load seconds; click latency: the first click on a frame (frame read,
image encoder, decoder) and the median of the next clicks on the same frame (features reused);
propagation: one object prompted on frame 0, then `propagate` forward over `--frames` frames, in
seconds per frame. SAM 3 is measured only if the machine has the memory for it (about 4x its
float32 weights while its folder is written): otherwise its entry says why.

`--quick` runs the tiny random configurations at 128 px (SAM 3 224 px) over 3 frames, to check the
benchmark works (tests/deploy/test_inference_benchmarks.py); its figures mean nothing.

The last line is one JSON object: per backend its figures, and `ratio` = EdgeTAM seconds per frame
/ SAM 2.1 tiny seconds per frame (null when either was not measured).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing is ever downloaded
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from benchmarks.common import BEDROOM, CACHE, THREADS, random_checkpoint  # noqa: E402

# A point on the child in the bedroom frames (960x540), as benchmarks/propagation.py clicks first.
CLICK = [[460.0, 200.0]]
NEAR_CLICK = [[470.0, 210.0]]
SAM3_PARAMS = 860e6  # about the published SAM 3's parameter count (float32: 4 bytes each)


def available_bytes() -> int:
    with open("/proc/meminfo") as f:
        fields = dict(line.split(":", 1) for line in f)
    return int(fields["MemAvailable"].split()[0]) * 1024


def hf_folder(kind: str, image_size: int) -> Path:
    from inference.engine.random_checkpoint import write_random_hf_model

    folder = CACHE / (kind if kind.endswith("-tiny") else f"{kind}-{image_size}")
    if not (folder / "config.json").is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        write_random_hf_model(kind, folder, image_size=None if kind.endswith("-tiny") else image_size)
    return folder


def engine_config(name: str, image_size: int, quick: bool) -> tuple[Any, dict[str, Any]]:
    """The EngineConfig of backend `name`, and notes for the JSON (sizes really used)."""
    from inference.engine import EngineConfig

    common = {"device": "cpu", "torch_threads": THREADS}
    if name == "opencv":
        return EngineConfig(backend="opencv"), {"model": "OpenCV GrabCut + optical flow"}
    if name == "sam2":
        return (
            EngineConfig(backend="sam2", checkpoint=str(random_checkpoint()), model_config="tiny", image_size=image_size, **common),
            {"model": "SAM 2.1 hiera-tiny (random weights)", "image_size": image_size},
        )
    if name == "edgetam":
        kind = "edgetam-tiny" if quick else "edgetam"
        folder = hf_folder(kind, image_size)
        return EngineConfig(backend="edgetam", edgetam_model=str(folder), **common), {"model": f"{kind} (random weights)"}
    kind = "sam3-tiny" if quick else "sam3"
    size = image_size // 14 * 14
    if not quick and available_bytes() < 4 * 4 * SAM3_PARAMS:
        raise MemoryError(f"{available_bytes() / 2**30:.1f} GiB available, SAM 3 needs about {16 * SAM3_PARAMS / 2**30:.0f} GiB here")
    folder = hf_folder(kind, size)
    return EngineConfig(backend="sam3", sam3_model=str(folder), **common), {"model": f"{kind} tracker (random weights)"}


def measure(name: str, image_size: int, frames: int, clicks: int, quick: bool) -> dict[str, Any]:
    from inference.engine import FolderFrameSource, load_backend

    config, notes = engine_config(name, image_size, quick)
    started = time.perf_counter()
    backend = load_backend(config)
    loaded = time.perf_counter() - started
    source = FolderFrameSource(BEDROOM)
    with backend.open_session(source) as session:
        started = time.perf_counter()
        session.add_points(1, 0, CLICK, [1])
        first_click = time.perf_counter() - started
        warm = []
        for _ in range(clicks):
            started = time.perf_counter()
            session.add_points(1, 0, NEAR_CLICK, [1], clear_old=False)
            warm.append(time.perf_counter() - started)
        session.add_points(1, 0, CLICK, [1])
        started = time.perf_counter()
        count = sum(1 for _ in session.propagate(0, "forward", max_frames=frames))
        seconds = time.perf_counter() - started
    return {
        **notes,
        "label": backend.label,
        "image_size": int(getattr(backend, "image_size", 0) or 0),
        "load_s": round(loaded, 3),
        "first_click_s": round(first_click, 4),
        "click_s": round(statistics.median(warm), 4) if warm else None,
        "frames": count,
        "s_per_frame": round(seconds / max(1, count), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--image-size", type=int, default=512, help="model input side in pixels")
    parser.add_argument("--frames", type=int, default=30)
    parser.add_argument("--clicks", type=int, default=5, help="clicks after the first, on the same frame")
    parser.add_argument("--backends", nargs="+", default=["opencv", "sam2", "edgetam", "sam3"],
                        choices=["opencv", "sam2", "edgetam", "sam3"])
    parser.add_argument("--quick", action="store_true", help="tiny models, 128 px, 3 frames: checks it works")
    args = parser.parse_args()
    if args.quick:
        args.image_size, args.frames, args.clicks = 128, 3, 1
    import torch

    torch.set_num_threads(THREADS)
    results: dict[str, Any] = {}
    for name in args.backends:
        try:
            results[name] = measure(name, args.image_size, args.frames, args.clicks, args.quick)
            r = results[name]
            print(f"{name:8s} {r['s_per_frame']:.3f} s/frame, first click {r['first_click_s']:.3f} s, "
                  f"next clicks {r['click_s']} s, load {r['load_s']:.1f} s ({r['label']})", flush=True)
        except MemoryError as exc:
            results[name] = {"skipped": str(exc)}
            print(f"{name:8s} not measured: {exc}", flush=True)
    sam2, edgetam = results.get("sam2", {}), results.get("edgetam", {})
    ratio = None
    if "s_per_frame" in sam2 and "s_per_frame" in edgetam:
        ratio = round(edgetam["s_per_frame"] / sam2["s_per_frame"], 3)
    print(json.dumps({
        "benchmark": "models", "quick": args.quick, "image_size": args.image_size, "frames": args.frames,
        "video": "bedroom 960x540 JPEG frames", "device": "cpu", "threads": THREADS, "backends": results,
        "ratio": ratio,
    }))  # fmt: skip


if __name__ == "__main__":
    main()

"""GPU readiness in one command: CUDA, bfloat16 autocast, propagation frames per second for every
SAM 2.1 model size found, and click latency, through the platform's own engine; one JSON line.

    .venv/bin/python benchmarks/gpu.py [--checkpoints DIR ...] [--frames 48] [--objects 1 3]
        [--image-size N] [--device cuda|cpu]

Checkpoints: the configured one (MASKLET_SAM2_CHECKPOINT, as a worker reads it) and every
official file name (sam2.1_hiera_tiny.pt, _small, _base_plus, _large) in its folder and in the
`--checkpoints` folders; the model size comes from the file name. The engine is built as a GPU
worker builds it (EngineConfig: bfloat16 autocast on CUDA, MASKLET_COMPILE honoured).

Per model: `load_s`; `click_first_ms` (a click on a frame never seen: image encoder, prompt
encoder and mask decoder) and `click_cached_ms` (median of 5 more clicks on that frame: its
features cached); `fps` per object count: after a warm-up session over 4 frames, a new session
with one click per object on frame 0 (not timed), then propagation over `--frames` frames of the
bedroom clip (960x540) timed with the device synchronised, no features shared between sessions;
`peak_gpu_mb` (torch's max allocated).

Without CUDA it prints {"cuda": false, ...} and exits 0 (this repository's CI machine has no GPU);
`--device cpu` runs the same measurements on the CPU (smoke tests, with a random-weights tiny
checkpoint at a small image size).
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

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BEDROOM = ROOT / "tests" / "data" / "bedroom"  # 200 JPEG frames, 960x540 (tests/data/README.md)
SIZES = ("tiny", "small", "base_plus", "large")
POINTS = [[460.0, 200.0], [120.0, 420.0], [820.0, 120.0], [300.0, 90.0], [650.0, 450.0]]


def find_checkpoints(folders: list[str]) -> dict[str, Path]:
    """{model size: checkpoint path}: the configured checkpoint, then official names in its folder
    and in `folders` (the first found per size wins)."""
    from inference.engine.config import _model_from_checkpoint_name

    candidates: list[Path] = []
    configured = os.environ.get("MASKLET_SAM2_CHECKPOINT")
    if configured:
        candidates.append(Path(configured))
        folders = [str(Path(configured).parent), *folders]
    for folder in folders:
        candidates += [Path(folder) / f"sam2.1_hiera_{size}.pt" for size in SIZES]
    found: dict[str, Path] = {}
    for path in candidates:
        size = _model_from_checkpoint_name(str(path))
        if size and size not in found and path.is_file():
            found[size] = path
    return found


def bfloat16_check(torch: Any, device: str) -> dict[str, Any]:
    """Whether bfloat16 autocast runs on `device` and how far a matmul and a conv stray from fp32."""
    supported = bool(torch.cuda.is_bf16_supported()) if device == "cuda" else True
    gen = torch.Generator(device=device).manual_seed(0)
    a = torch.randn(512, 512, device=device, generator=gen)
    b = torch.randn(512, 512, device=device, generator=gen)
    image = torch.randn(1, 16, 64, 64, device=device, generator=gen)
    conv = torch.nn.Conv2d(16, 16, 3, padding=1).to(device)
    with torch.inference_mode():
        exact = (a @ b, conv(image))
        with torch.autocast(device, dtype=torch.bfloat16):
            low = (a @ b, conv(image))
    errors = [float(((x.float() - y).abs().max() / y.abs().max()).item()) for x, y in zip(low, exact, strict=True)]
    return {"supported": supported, "autocast_dtypes": sorted({str(x.dtype) for x in low}),
            "max_relative_error": round(max(errors), 5)}


def _sync(torch: Any, device: str) -> None:
    if device == "cuda":
        torch.cuda.synchronize()


def measure_model(torch: Any, checkpoint: Path, size: str, args: argparse.Namespace) -> dict[str, Any]:
    from inference.engine.config import EngineConfig, load_backend
    from inference.engine.frames import CallableFrameSource, FolderFrameSource

    config = EngineConfig(backend="sam2", checkpoint=str(checkpoint), model_config=size, image_size=args.image_size,
                          device=args.device, compile=os.environ.get("MASKLET_COMPILE", "off"))  # type: ignore[arg-type]
    if args.device == "cuda":
        torch.cuda.reset_peak_memory_stats()
    started = time.perf_counter()
    backend = load_backend(config)
    out: dict[str, Any] = {"checkpoint": str(checkpoint), "label": backend.label,
                           "load_s": round(time.perf_counter() - started, 3)}
    frames = FolderFrameSource(BEDROOM)
    with backend.open_session(frames) as session:
        started = time.perf_counter()
        session.add_points(1, 0, [POINTS[0]], [1])
        _sync(torch, args.device)
        out["click_first_ms"] = round(1000 * (time.perf_counter() - started), 1)
        cached = []
        for i in range(5):
            started = time.perf_counter()
            session.add_points(1, 0, [POINTS[0], [POINTS[0][0] + 10 * i, POINTS[0][1]]], [1, 1])
            _sync(torch, args.device)
            cached.append(1000 * (time.perf_counter() - started))
        out["click_cached_ms"] = round(statistics.median(cached), 1)
    out["fps"] = {}
    # Sessions without a cache key: no image features carry over from one session to the next.
    fresh = CallableFrameSource(len(frames), frames.height, frames.width, frames.read)
    for objects in args.objects:
        for frames_to_track in (4, args.frames):  # a warm-up session (and compilation, if asked), then the timed one
            with backend.open_session(fresh) as session:
                for obj in range(objects):
                    session.add_points(obj + 1, 0, [POINTS[obj % len(POINTS)]], [1])
                _sync(torch, args.device)
                started = time.perf_counter()
                count = sum(1 for _ in session.propagate(0, "forward", frames_to_track))
                _sync(torch, args.device)
                seconds = time.perf_counter() - started
        out["fps"][str(objects)] = round(count / seconds, 3)
    if args.device == "cuda":
        out["peak_gpu_mb"] = round(torch.cuda.max_memory_allocated() / 2**20, 1)
    del backend
    if args.device == "cuda":
        torch.cuda.empty_cache()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--checkpoints", nargs="*", default=[], help="folders holding sam2.1_hiera_*.pt files")
    parser.add_argument("--frames", type=int, default=48)
    parser.add_argument("--objects", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--image-size", type=int, default=None, help="model input side (default: the config's, 1024)")
    parser.add_argument("--device", choices=("cuda", "cpu"), default="cuda")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"benchmark": "gpu"}
    try:
        import torch
    except ImportError as error:
        print(json.dumps(result | {"cuda": False, "reason": f"torch is not installed: {error}"}))
        return 0
    result |= {"torch": torch.__version__, "torch_cuda": torch.version.cuda, "cuda": torch.cuda.is_available(),
               "device": args.device, "compile": os.environ.get("MASKLET_COMPILE", "off")}
    if args.device == "cuda" and not torch.cuda.is_available():
        print(json.dumps(result | {"reason": "no CUDA device is visible to torch: nothing measured"}))
        return 0
    if args.device == "cuda":
        props = torch.cuda.get_device_properties(0)
        result["gpu"] = {"name": props.name, "capability": f"{props.major}.{props.minor}",
                         "memory_mb": round(props.total_memory / 2**20)}
    threads = os.environ.get("MASKLET_TORCH_THREADS")
    if threads:
        torch.set_num_threads(int(threads))
    result["bfloat16"] = bfloat16_check(torch, args.device)
    checkpoints = find_checkpoints(args.checkpoints)
    if not checkpoints:
        print(json.dumps(result | {"reason": "no SAM 2.1 checkpoint found: set MASKLET_SAM2_CHECKPOINT or --checkpoints"}))
        return 1
    result["frames"], result["image_size"] = args.frames, args.image_size
    result["models"] = {size: measure_model(torch, path, size, args) for size, path in checkpoints.items()}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

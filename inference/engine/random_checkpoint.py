"""Write a random-weights SAM 2.1 checkpoint in the official layout ({"model": state_dict}).

For tests, benchmarks and demos on machines without the real weights: the architecture is built
from the official config, so the file loads through exactly the loader a real checkpoint uses.
Its masks are meaningless. Weight shapes do not depend on the input image size, so one file
serves every `image_size`.

    python -m inference.engine.random_checkpoint --model tiny --out /tmp/sam2.1_hiera_tiny.pt [--seed 0]

EdgeTAM and SAM 3 (transformers) get a Hugging Face model folder instead (see `hf_random`):

    python -m inference.engine.random_checkpoint --model edgetam-tiny|sam3-tiny|edgetam|sam3 --out DIR \
        [--image-size N]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def write_random_checkpoint(model: str, out: str | os.PathLike[str], seed: int = 0) -> Path:
    """Build `model` (tiny/small/base_plus/large or a config name) with seeded random weights, save it."""
    import torch
    from hydra.utils import instantiate

    from .config import resolve_model_config
    from .sam2_model import compose_model_config

    config_name = resolve_model_config(model)
    torch.manual_seed(seed)
    cfg = compose_model_config(config_name, image_size=None)
    with torch.no_grad():
        net = instantiate(cfg.model, _recursive_=True)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    torch.save({"model": net.state_dict()}, tmp)
    os.replace(tmp, out)  # never leave a half-written checkpoint under the final name
    return out


def write_random_hf_model(kind: str, out: str | os.PathLike[str], seed: int = 0, image_size: int | None = None) -> Path:
    """Write a random-weights EdgeTAM or SAM 3 model folder (kind: edgetam-tiny, sam3-tiny, edgetam,
    sam3) that loads exactly as an operator's folder does; see `hf_random.write_random_hf_model`."""
    from .hf_random import write_random_hf_model as write

    return write(kind, Path(out), seed=seed, image_size=image_size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--model",
        default="tiny",
        help="SAM 2.1: tiny, small, base_plus, large or a sam2 config name; "
        "transformers folders: edgetam-tiny, sam3-tiny, edgetam, sam3",
    )
    parser.add_argument("--out", required=True, help="checkpoint file (SAM 2) or model folder to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--image-size", type=int, default=None, help="EdgeTAM/SAM 3 input side in pixels")
    args = parser.parse_args(argv)
    if args.model.startswith(("edgetam", "sam3")):
        path = write_random_hf_model(args.model, args.out, args.seed, args.image_size)
        size = sum(f.stat().st_size for f in path.iterdir()) / 2**20
        print(f"wrote random-weights {args.model} model folder to {path} ({size:.1f} MiB)")
        return 0
    path = write_random_checkpoint(args.model, args.out, args.seed)
    print(
        f"wrote random-weights {args.model} checkpoint to {path} ({path.stat().st_size / 2**20:.1f} MiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Fixtures of the engine tests: plain pytest, no Django.

The SAM 2 tests build the real SAM 2.1 hiera-tiny architecture with random weights (no weights
can be downloaded here): the checkpoint is written once per session by the same command an
operator or the demo would use, then loaded through the loader a real checkpoint goes through.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
SAM2_IMAGE_SIZE = 256

os.environ.setdefault("OMP_NUM_THREADS", "2")


def _sam2_installed() -> bool:
    import importlib.util

    return (
        importlib.util.find_spec("sam2") is not None
        and importlib.util.find_spec("torch") is not None
    )


@pytest.fixture(scope="session")
def random_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weights SAM 2.1 tiny checkpoint in the official layout, made by the CLI tool."""
    if not _sam2_installed():
        pytest.skip("torch/sam2 are not installed")
    out = tmp_path_factory.mktemp("sam2") / "sam2.1_hiera_tiny.pt"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "inference.engine.random_checkpoint",
            "--model",
            "tiny",
            "--out",
            str(out),
            "--seed",
            "0",
        ],
        cwd=ROOT,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "2"},
        capture_output=True,
    )
    return out


@pytest.fixture(scope="session")
def sam2_config(random_checkpoint: Path):
    from inference.engine import EngineConfig

    return EngineConfig(
        backend="sam2",
        checkpoint=str(random_checkpoint),
        model_config="tiny",
        image_size=SAM2_IMAGE_SIZE,
        device="cpu",
        torch_threads=2,
    )


@pytest.fixture(scope="session")
def sam2_backend(sam2_config):
    """The SAM 2 backend at 256 px, loaded once for the session through `get_backend`."""
    import torch

    from inference.engine import get_backend

    torch.set_num_threads(2)
    return get_backend(sam2_config)


@pytest.fixture(scope="session")
def clip():
    from inference.engine.synthetic import make_clip

    return make_clip(num_frames=40)


class CountingFrames:
    """An ArrayFrameSource that counts reads per frame index."""

    def __init__(self, frames: np.ndarray, cache_key: str | None = None):
        self._frames = frames
        self.height, self.width = int(frames.shape[1]), int(frames.shape[2])
        self.cache_key = cache_key
        self.reads: list[int] = []

    def __len__(self) -> int:
        return len(self._frames)

    def read(self, index: int) -> np.ndarray:
        self.reads.append(index)
        return self._frames[index]


def _transformers_installed() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("torch", "transformers", "timm"))


@pytest.fixture(scope="session")
def hf_model_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny random-weights EdgeTAM and SAM 3 model folders, written once per test session."""
    if not _transformers_installed():
        pytest.skip("torch/transformers/timm are not installed")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from inference.engine.random_checkpoint import write_random_hf_model

    root = tmp_path_factory.mktemp("hf")
    return {kind: write_random_hf_model(kind, root / kind) for kind in ("edgetam-tiny", "sam3-tiny")}


@pytest.fixture(scope="session")
def edgetam_config(hf_model_dirs):
    from inference.engine import EngineConfig

    return EngineConfig(backend="edgetam", edgetam_model=str(hf_model_dirs["edgetam-tiny"]), device="cpu", torch_threads=2)


@pytest.fixture(scope="session")
def sam3_config(hf_model_dirs):
    from inference.engine import EngineConfig

    return EngineConfig(backend="sam3", sam3_model=str(hf_model_dirs["sam3-tiny"]), device="cpu", torch_threads=2)

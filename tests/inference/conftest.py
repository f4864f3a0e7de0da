"""Fixtures of the worker tests: a random-weights SAM 2 checkpoint and workers that serve alone.

Workers of one test session share the Redis broker, so a SAM 2 worker started while the
session's OpenCV `celery_worker` is alive would share the queues with it. `exclusive_workers`
asks every worker already running to stop consuming (Celery's own remote control,
cancel_consumer) while its workers serve, and to resume afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.worker_control import exclusive

ROOT = Path(__file__).resolve().parents[2]
SAM2_IMAGE_SIZE = 256


@pytest.fixture(scope="session")
def sam2_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SAM 2.1 tiny architecture with random weights, saved in the official checkpoint layout
    by the operator's command; written once per session."""
    out = tmp_path_factory.mktemp("sam2") / "sam2.1_hiera_tiny.pt"
    subprocess.run(
        [sys.executable, "-m", "inference.engine.random_checkpoint", "--model", "tiny", "--out", str(out)],
        cwd=ROOT, check=True, capture_output=True, env={**os.environ, "OMP_NUM_THREADS": "2"},
    )
    return out


@pytest.fixture(scope="session")
def sam2_env(sam2_checkpoint: Path) -> dict[str, str]:
    """Worker environment naming the checkpoint exactly as an operator would."""
    return {
        "MASKLET_SAM2_CHECKPOINT": str(sam2_checkpoint),
        "MASKLET_SAM2_CONFIG": "tiny",
        "MASKLET_SAM2_IMAGE_SIZE": str(SAM2_IMAGE_SIZE),
        "MASKLET_TORCH_THREADS": "2",
        "MASKLET_DEVICE": "cpu",  # the timing and equality assumptions of these tests are the CPU's
    }


@pytest.fixture
def exclusive_workers(start_worker: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """Factory like `start_worker`, whose workers are the only ones consuming until the test ends
    (they are stopped then; workers that were paused resume)."""
    with exclusive(start_worker) as start:
        yield start


@pytest.fixture(scope="module")
def sam2_worker(start_worker: Callable[..., Any], sam2_env: dict[str, str]) -> Iterator[Any]:
    """One worker on every queue with the random-weights SAM 2 tiny model, alone for the module."""
    with exclusive(start_worker) as start:
        yield start(env=sam2_env)

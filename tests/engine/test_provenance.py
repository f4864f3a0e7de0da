"""What a backend reports it runs (inference/engine/provenance.py): checkpoint SHA-256 hashed
once per file version, the SAM 2 backend's model, device and dtype, the OpenCV backend's own,
automatic-mask de-duplication against what a frame already holds."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pytest

import maskcodec
from inference.engine.base import CheckpointError
from inference.engine.config import EngineConfig
from inference.engine.dedupe import novel_masks
from inference.engine.opencv_backend import OpenCVBackend
from inference.engine.provenance import (
    FIELDS,
    backend_provenance,
    checkpoint_digests_computed,
    checkpoint_sha256,
    config_provenance,
)


def test_the_checkpoint_is_hashed_once_per_file_version(tmp_path: Path) -> None:
    path = tmp_path / "sam2.1_hiera_tiny.pt"
    path.write_bytes(b"weights" * 1000)
    before = checkpoint_digests_computed()
    digest = checkpoint_sha256(path)
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert checkpoint_sha256(str(path)) == digest and checkpoint_digests_computed() == before + 1
    path.write_bytes(b"other weights" * 1000)
    os.utime(path, ns=(1, 1_000_000_000))  # a new file version: new mtime and size
    assert checkpoint_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest() != digest
    assert checkpoint_digests_computed() == before + 2


def test_a_missing_checkpoint_is_named() -> None:
    with pytest.raises(CheckpointError, match="/no/such/sam2.1_hiera_tiny.pt"):
        checkpoint_sha256("/no/such/sam2.1_hiera_tiny.pt")
    with pytest.raises(CheckpointError, match="/no/such/sam2.1_hiera_tiny.pt"):
        config_provenance(EngineConfig(backend="sam2", checkpoint="/no/such/sam2.1_hiera_tiny.pt"))
    with pytest.raises(CheckpointError, match="checkpoint"):
        config_provenance(EngineConfig(backend="sam2"))


def test_opencv_provenance() -> None:
    info = backend_provenance(OpenCVBackend())
    assert list(info) == list(FIELDS)
    assert info["backend"] == "opencv" and info["model"].startswith("opencv-")
    assert (info["checkpoint"], info["checkpoint_sha256"], info["device"]) == ("", "", "cpu")
    assert config_provenance(EngineConfig()) == info  # "auto" without a checkpoint: OpenCV


@pytest.mark.sam2
def test_sam2_provenance(sam2_backend, random_checkpoint: Path) -> None:  # type: ignore[no-untyped-def]
    info = backend_provenance(sam2_backend)
    assert list(info) == list(FIELDS)
    assert info["backend"] == "sam2" and info["model"] == "configs/sam2.1/sam2.1_hiera_t.yaml"
    assert info["checkpoint"] == random_checkpoint.name
    assert info["checkpoint_sha256"] == hashlib.sha256(random_checkpoint.read_bytes()).hexdigest()
    assert (info["device"], info["dtype"], info["image_size"]) == ("cpu", "float32", sam2_backend.image_size)
    assert info["label"] == sam2_backend.label


def _square(x: int, y: int, side: int) -> dict:
    mask = np.zeros((40, 60), bool)
    mask[y : y + side, x : x + side] = True
    return maskcodec.encode(mask)


def test_novel_masks_drop_what_is_already_there_and_repeats() -> None:
    existing = [_square(0, 0, 10), maskcodec.encode(np.zeros((40, 60), bool))]
    candidates = [
        _square(1, 1, 10),  # IoU 0.68 with the existing square: dropped
        _square(30, 10, 10),  # new: kept
        _square(31, 10, 10),  # IoU 0.82 with the one kept just before: dropped
        _square(20, 25, 8),  # new: kept
        maskcodec.encode(np.zeros((40, 60), bool)),  # empty: dropped
        _square(5, 0, 10),  # IoU 0.33 with the existing square: kept at 0.5
    ]
    assert novel_masks(candidates, existing, 0.5) == [1, 3, 5]
    assert novel_masks(candidates, existing, 0.3) == [1, 3]
    assert novel_masks(candidates, [], 1.0) == [0, 1, 2, 3, 5]


@pytest.mark.parametrize("name", ["edgetam", "sam3"])
def test_transformers_backend_provenance(name, request) -> None:  # type: ignore[no-untyped-def]
    from inference.engine import get_backend

    config = request.getfixturevalue(f"{name}_config")
    folder = Path(config.edgetam_model or config.sam3_model)
    digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    loaded = backend_provenance(get_backend(config))
    assert tuple(loaded) == FIELDS
    assert loaded["backend"] == name and loaded["checkpoint"] == folder.name
    assert loaded["model"] == {"edgetam": "edgetam_video", "sam3": "sam3_video"}[name]
    assert loaded["checkpoint_sha256"] == digest and loaded["dtype"] == "float32" and loaded["device"] == "cpu"
    promised = config_provenance(config)  # without loading: the prefork parent's view
    assert promised["checkpoint_sha256"] == digest and promised["image_size"] == loaded["image_size"]
    with pytest.raises(CheckpointError, match="does not exist"):
        config_provenance(EngineConfig(backend=name, edgetam_model="/nowhere", sam3_model="/nowhere"))

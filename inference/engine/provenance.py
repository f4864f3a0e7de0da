"""What a loaded backend really runs: backend, model config, checkpoint file and its SHA-256,
device, dtype and input size, as a plain dict (the worker announces it, jobs and masks record it).

No torch import here: the SAM 2 backend's attributes (`loaded.config_name`, `loaded.checkpoint`,
`device`, `image_size`) are read as they are. The checkpoint is hashed once per process and file
version: the digest is cached by (path, size, mtime), so a worker hashes its checkpoint at start
(`backend_provenance` right after loading) and never again unless the file changes.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Any

from .base import CheckpointError

# Fields of a provenance, in order; every value is a str except image_size (int, 0 = none).
FIELDS = ("backend", "model", "checkpoint", "checkpoint_sha256", "device", "dtype", "image_size", "label")

_digests: dict[tuple[str, int, int], str] = {}
_digest_lock = threading.Lock()


def checkpoint_sha256(path: str | os.PathLike[str]) -> str:
    """The SHA-256 (hex) of a checkpoint file, computed once per (path, size, mtime).

    Raises CheckpointError naming the file when it cannot be read.
    """
    resolved = str(Path(path).resolve())
    try:
        stat = os.stat(resolved)
    except OSError as exc:
        raise CheckpointError(f"SAM 2 checkpoint {str(path)!r} cannot be read: {exc.strerror or exc}") from exc
    key = (resolved, stat.st_size, stat.st_mtime_ns)
    with _digest_lock:
        cached = _digests.get(key)
        if cached is not None:
            return cached
        digest = hashlib.sha256()
        try:
            with open(resolved, "rb") as f:
                for chunk in iter(lambda: f.read(4 * 1024 * 1024), b""):
                    digest.update(chunk)
        except OSError as exc:
            raise CheckpointError(f"SAM 2 checkpoint {str(path)!r} cannot be read: {exc.strerror or exc}") from exc
        _digests[key] = digest.hexdigest()
        return _digests[key]


def checkpoint_digests_computed() -> int:
    """How many checkpoint digests this process computed (tests: hashing happens once)."""
    return len(_digests)


def folder_sha256(weights: list[Path]) -> str:
    """SHA-256 of a model folder's weights: the file's own digest, or for sharded weights the
    digest of the shards' digests in name order."""
    if len(weights) == 1:
        return checkpoint_sha256(weights[0])
    joined = "".join(f"{p.name}:{checkpoint_sha256(p)}\n" for p in sorted(weights))
    return hashlib.sha256(joined.encode()).hexdigest()


def _folder_provenance(name: str, folder: Any, device: str, image_size: int, label: str) -> dict[str, Any]:
    return {
        "backend": name,
        "model": str(folder.model_type),
        "checkpoint": folder.path.name,
        "checkpoint_sha256": folder_sha256(list(folder.weights)),
        "device": device,
        "dtype": "float32",  # hf_backends loads the folders' weights as float32
        "image_size": int(image_size),
        "label": label,
    }


def backend_provenance(backend: Any) -> dict[str, Any]:
    """The provenance of a loaded backend (see module docstring); OpenCV has no model file.
    EdgeTAM and SAM 3: `model` is the folder's model type, `checkpoint` the folder's name and
    `checkpoint_sha256` the digest of its weights."""
    if backend.name in ("edgetam", "sam3"):
        device = str(getattr(backend.device, "type", backend.device))
        return _folder_provenance(backend.name, backend.folder, device, backend.image_size, str(backend.label))
    if backend.name == "sam2":
        loaded = backend.loaded
        device = str(getattr(backend.device, "type", backend.device))
        return {
            "backend": "sam2",
            "model": str(loaded.config_name),
            "checkpoint": Path(loaded.checkpoint).name,
            "checkpoint_sha256": checkpoint_sha256(loaded.checkpoint),
            "device": device,
            # sam2_model.inference_context: bfloat16 autocast on CUDA, float32 on the CPU.
            "dtype": "bfloat16" if device == "cuda" else "float32",
            "image_size": int(backend.image_size),
            "label": str(backend.label),
        }
    import cv2

    return {
        "backend": str(backend.name),
        "model": f"opencv-{cv2.__version__}",
        "checkpoint": "",
        "checkpoint_sha256": "",
        "device": "cpu",
        "dtype": "",
        "image_size": 0,
        "label": str(backend.label),
    }


def config_provenance(config: Any) -> dict[str, Any]:
    """The provenance a configuration promises, without loading the model (a prefork parent:
    its children load it after the fork). The checkpoint is read and hashed, so a missing file
    raises CheckpointError here; the device is the one configured ("auto" stays "auto")."""
    from .config import resolve_model_config

    if config.resolved_backend in ("edgetam", "sam3"):
        from .hf_folders import check_hf_folder

        folder = check_hf_folder(config)
        size = int(folder.config.get("image_size") or folder.config.get("tracker_config", {}).get("image_size") or 0)
        label = f"{'EdgeTAM' if config.resolved_backend == 'edgetam' else 'SAM 3'} ({folder.path.name}, loaded by the pool's processes)"
        return _folder_provenance(config.resolved_backend, folder, config.device, size, label)
    if config.resolved_backend != "sam2":
        from .opencv_backend import OpenCVBackend

        return backend_provenance(OpenCVBackend())
    if not config.checkpoint:
        raise CheckpointError("the SAM 2 backend needs a checkpoint path; none is configured")
    model = resolve_model_config(config.model_config, config.checkpoint)
    return {
        "backend": "sam2",
        "model": model,
        "checkpoint": Path(config.checkpoint).name,
        "checkpoint_sha256": checkpoint_sha256(config.checkpoint),
        "device": config.device,
        "dtype": "",
        "image_size": int(config.image_size or 0),
        "label": f"SAM 2 ({model}, loaded by the pool's processes)",
    }

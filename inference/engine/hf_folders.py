"""Local Hugging Face model folders of EdgeTAM and SAM 3: checked before loading, without torch.

`check_model_folder` raises CheckpointError naming the folder or file and what is wrong (missing
folder, config.json, weights or processor files; a config of another model type). The prefork
parent's provenance (`provenance.config_provenance`) uses it without importing torch.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .base import CheckpointError

WEIGHT_FILES = ("model.safetensors", "model.safetensors.index.json", "pytorch_model.bin")
# What a model folder must hold besides the weights (the processor is saved beside the model).
PROCESSOR_FILES = ("processor_config.json", "preprocessor_config.json")
# Per backend: the name in messages, the accepted model types, the setting naming the folder.
FOLDER_KINDS = {
    "edgetam": ("EdgeTAM", ("edgetam_video",), "MASKLET_EDGETAM_MODEL"),
    "sam3": ("SAM 3", ("sam3_video",), "MASKLET_SAM3_MODEL"),
}


@dataclass(frozen=True)
class ModelFolder:
    """A checked local Hugging Face model folder: its path, model type and weight files."""

    path: Path
    model_type: str
    weights: tuple[Path, ...]
    config: dict[str, Any]


def check_model_folder(path: str | None, *, what: str, model_types: Sequence[str], env: str) -> ModelFolder:
    """Check a model folder before loading it; raise CheckpointError naming the path and the fault.

    `what` names the model in messages ("EdgeTAM"), `model_types` are the accepted `model_type`
    values of its config.json, `env` the setting that configures it.
    """
    if not path:
        raise CheckpointError(f"the {what} backend needs a model folder; set {env}")
    folder = Path(path)
    if not folder.is_dir():
        raise CheckpointError(f"{what} model folder {str(folder)!r} does not exist (set by {env})")
    config_file = folder / "config.json"
    if not config_file.is_file():
        raise CheckpointError(f"{what} model folder {str(folder)!r} has no config.json")
    try:
        config = json.loads(config_file.read_text())
    except (OSError, ValueError) as exc:
        raise CheckpointError(f"{what} config {str(config_file)!r} is not readable JSON: {exc}") from exc
    model_type = str(config.get("model_type", ""))
    if model_type not in model_types:
        raise CheckpointError(
            f"{what} config {str(config_file)!r} is of model type {model_type!r}, "
            f"not {' or '.join(repr(t) for t in model_types)}: this folder holds another model"
        )
    weights = [folder / name for name in WEIGHT_FILES if (folder / name).is_file()]
    if not weights:
        raise CheckpointError(
            f"{what} model folder {str(folder)!r} has no weights ({', '.join(WEIGHT_FILES)})"
        )
    if weights[0].name.endswith(".index.json"):  # sharded: the index names the shards
        try:
            shards = sorted(set(json.loads(weights[0].read_text())["weight_map"].values()))
        except (OSError, ValueError, KeyError) as exc:
            raise CheckpointError(f"{what} weight index {str(weights[0])!r} is not readable: {exc}") from exc
        missing = [s for s in shards if not (folder / s).is_file()]
        if missing:
            raise CheckpointError(f"{what} model folder {str(folder)!r} lacks the weight shard {missing[0]!r}")
        weights = [folder / s for s in shards]
    if not any((folder / name).is_file() for name in PROCESSOR_FILES):
        raise CheckpointError(
            f"{what} model folder {str(folder)!r} has no processor_config.json (save the processor beside the model)"
        )
    return ModelFolder(folder, model_type, (weights[0],) if len(weights) == 1 else tuple(weights), config)


def check_hf_folder(config: Any) -> ModelFolder:
    """The checked model folder an EngineConfig names for its "edgetam" or "sam3" backend."""
    backend = config.resolved_backend
    what, model_types, env = FOLDER_KINDS[backend]
    path = config.edgetam_model if backend == "edgetam" else config.sam3_model
    return check_model_folder(path, what=what, model_types=model_types, env=env)

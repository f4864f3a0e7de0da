"""MASKLET_COMPILE: the opt-in torch.compile of the SAM 2 model reaches the builder.

On this CPU-only machine a compiled forward (mode "max-autotune", as sam2 asks) takes minutes to
compile, so these tests check the wiring: the setting reaches EngineConfig, the Hydra config and
the model that is built (compiled forwards are in place, the VOS predictor class is ours with
sam2's VOS compilation), and "off" leaves the model as it was. They do not run a compiled frame.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from inference.engine.config import EngineConfig

pytestmark = pytest.mark.sam2


def _compiled(method: object) -> bool:
    """Whether a forward was wrapped by torch.compile (dynamo keeps the original callable)."""
    return hasattr(method, "_torchdynamo_orig_callable")


def test_the_setting_reaches_the_engine_config(monkeypatch: pytest.MonkeyPatch) -> None:
    assert EngineConfig().compile == "off"
    monkeypatch.setenv("MASKLET_COMPILE", "vos")
    assert EngineConfig.from_env().compile == "vos"
    with pytest.raises(ValueError, match="compile must be one of off, encoder, vos"):
        EngineConfig(compile="fast")  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["off", "encoder", "vos"])
def test_the_model_built_is_compiled_as_asked(mode: str, random_checkpoint: Path, sam2_config: EngineConfig) -> None:
    from sam2.sam2_video_predictor import SAM2VideoPredictorVOS

    from inference.engine.sam2_model import MaskletVideoPredictorVOS, build_video_model
    from inference.engine.sam2_predictor import MaskletVideoPredictor

    loaded = build_video_model(dataclasses.replace(sam2_config, compile=mode))  # type: ignore[arg-type]
    model = loaded.model
    assert isinstance(model, MaskletVideoPredictor)  # our overrides hold in every mode
    assert _compiled(model.image_encoder.forward) == (mode != "off")
    vos = mode == "vos"
    assert isinstance(model, SAM2VideoPredictorVOS) == vos
    assert type(model) is (MaskletVideoPredictorVOS if vos else MaskletVideoPredictor)
    for part in (model.memory_attention, model.memory_encoder, model.sam_prompt_encoder, model.sam_mask_decoder):
        assert _compiled(part.forward) == vos

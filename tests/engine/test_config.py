from __future__ import annotations

import pytest

from inference.engine import CheckpointError, EngineConfig, get_backend, reset_backends
from inference.engine.config import SAM21_CONFIGS, resolve_model_config


@pytest.mark.parametrize(
    "name, expected",
    [
        ("tiny", "configs/sam2.1/sam2.1_hiera_t.yaml"),
        ("small", "configs/sam2.1/sam2.1_hiera_s.yaml"),
        ("base_plus", "configs/sam2.1/sam2.1_hiera_b+.yaml"),
        ("b+", "configs/sam2.1/sam2.1_hiera_b+.yaml"),
        ("large", "configs/sam2.1/sam2.1_hiera_l.yaml"),
        ("configs/sam2.1/sam2.1_hiera_l.yaml", "configs/sam2.1/sam2.1_hiera_l.yaml"),
        ("configs/sam2/sam2_hiera_s.yaml", "configs/sam2/sam2_hiera_s.yaml"),
        ("sam2.1_hiera_t.yaml", "configs/sam2.1/sam2.1_hiera_t.yaml"),
    ],
)
def test_resolve_model_config_accepts_short_and_package_relative_names(name, expected):
    assert resolve_model_config(name) == expected


def test_model_config_is_inferred_from_the_official_checkpoint_names():
    for short, config in SAM21_CONFIGS.items():
        assert resolve_model_config(None, f"/models/sam2.1_hiera_{short}.pt") == config


def test_unknown_model_config_and_unnamed_checkpoint_give_plain_errors():
    with pytest.raises(CheckpointError, match="unknown SAM 2 model config 'huge'"):
        resolve_model_config("huge")
    with pytest.raises(CheckpointError, match="set the model config"):
        resolve_model_config(None, "/models/weights.pt")


def test_auto_backend_is_opencv_without_a_checkpoint_and_sam2_with_one():
    assert EngineConfig().resolved_backend == "opencv"
    assert EngineConfig(checkpoint="/x.pt").resolved_backend == "sam2"
    assert EngineConfig(backend="opencv", checkpoint="/x.pt").resolved_backend == "opencv"
    with pytest.raises(ValueError):
        EngineConfig(image_size=100)
    with pytest.raises(ValueError):
        EngineConfig(device="tpu")  # type: ignore[arg-type]


def test_get_backend_is_a_process_singleton_per_config():
    reset_backends()
    first = get_backend(EngineConfig(backend="opencv"))
    assert get_backend(EngineConfig(backend="opencv")) is first
    assert first.name == "opencv" and "OpenCV" in first.label


def test_config_from_environment(monkeypatch):
    monkeypatch.setenv("MASKLET_SAM2_CHECKPOINT", "/m/sam2.1_hiera_small.pt")
    monkeypatch.setenv("MASKLET_SAM2_IMAGE_SIZE", "512")
    monkeypatch.setenv("MASKLET_FEATURE_CACHE_MB", "64")
    config = EngineConfig.from_env()
    assert config.resolved_backend == "sam2" and config.image_size == 512
    assert config.feature_cache_bytes == 64 * 2**20
    assert (config.max_cond_frames, config.state_spill_bytes) == (8, 2 * 2**30)  # the defaults
    monkeypatch.setenv("MASKLET_MAX_COND_FRAMES", "4")
    monkeypatch.setenv("MASKLET_STATE_SPILL_MB", "100")
    config = EngineConfig.from_env()
    assert (config.max_cond_frames, config.state_spill_bytes) == (4, 100 * 2**20)
    for bad in (1, 0, -2):
        with pytest.raises(ValueError, match="max_cond_frames"):
            EngineConfig(max_cond_frames=bad)


def test_missing_checkpoint_file_is_a_checkpoint_error(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("sam2")
    from inference.engine import load_backend

    with pytest.raises(CheckpointError, match="does not exist"):
        load_backend(EngineConfig(checkpoint=str(tmp_path / "sam2.1_hiera_tiny.pt"), device="cpu"))

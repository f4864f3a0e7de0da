"""The process's engine: its configuration from settings, the backend loaded once per process
(after the worker forked) and a project's mask clean-up settings."""

from __future__ import annotations

from django.conf import settings

from annotation.models import Video
from annotation.selectors.projects import project_settings
from inference.engine.base import Backend
from inference.engine.config import EngineConfig, get_backend
from inference.engine.postprocess import PostprocessParams


def engine_config() -> EngineConfig:
    conf = settings.MASKLET
    return EngineConfig(
        backend=conf["INFERENCE_BACKEND"],
        checkpoint=conf["SAM2_CHECKPOINT"] or None,
        model_config=conf["SAM2_CONFIG"],
        image_size=conf["SAM2_IMAGE_SIZE"],
        device=conf["INFERENCE_DEVICE"],
        feature_cache_bytes=conf["FEATURE_CACHE_BYTES"],
        torch_threads=conf["TORCH_THREADS"],
        compile=conf["COMPILE"],
        max_cond_frames=conf["MAX_COND_FRAMES"],
        state_spill_bytes=conf["STATE_SPILL_BYTES"],
    )


def backend() -> Backend:
    """The process's backend, loaded on first use (after the worker forked)."""
    return get_backend(engine_config())


def postprocess_params(video: Video) -> PostprocessParams:
    """The project's mask clean-up settings, in pixels of the original video."""
    pp = project_settings(video.project).postprocess
    return PostprocessParams(
        fill_holes_below=pp.fill_holes_px,
        remove_regions_below=pp.min_region_px,
        open_kernel=pp.open_px,
        close_kernel=pp.close_px,
    )

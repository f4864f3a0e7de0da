"""The process's engine: its configuration from settings, the backend loaded once per process
(after the worker forked) and a project's mask clean-up settings."""

from __future__ import annotations

import logging
import os
from typing import Any

from django.conf import settings

from annotation.jobs.runner import JobBody, JobContext
from annotation.models import Job, Video
from annotation.selectors.projects import project_settings
from annotation.services.provenance import job_provenance_set, provenance_record
from inference.engine.base import Backend
from inference.engine.config import EngineConfig, get_backend
from inference.engine.postprocess import PostprocessParams
from inference.engine.provenance import backend_provenance

log = logging.getLogger(__name__)


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
        edgetam_model=conf.get("EDGETAM_MODEL"),
        sam3_model=conf.get("SAM3_MODEL"),
    )


def backend() -> Backend:
    """The process's backend, loaded on first use (after the worker forked)."""
    return get_backend(engine_config())


# What a backend without a `capabilities` attribute can do (the SAM 2 and OpenCV backends before
# the engine declared them).
DEFAULT_CAPABILITIES = frozenset({"points", "boxes", "masks", "propagate", "auto_masks"})


def model_name(backend_name: str) -> str:
    """The model this worker holds as roles name it: MASKLET_MODEL_NAME, else the backend's name."""
    return str(settings.MASKLET.get("MODEL_NAME") or backend_name)


def model_info(loaded: Backend | None = None) -> dict[str, Any]:
    """The named model a worker announces (annotation/jobs/workers.py): `{"name", "backend",
    "capabilities"}`, from the loaded backend (default: this process's)."""
    loaded = loaded or backend()
    name = str(loaded.name)
    capabilities = getattr(loaded, "capabilities", None)
    return {
        "name": model_name(name),
        "backend": name,
        "capabilities": sorted(DEFAULT_CAPABILITIES if capabilities is None else capabilities),
    }


def config_model_info(config: EngineConfig) -> dict[str, Any]:
    """The named model a configuration promises without loading it (a prefork pool's parent):
    its capabilities are not known until a child loads it (None)."""
    name = str(config.resolved_backend)
    return {"name": model_name(name), "backend": name, "capabilities": None}


def provenance() -> dict[str, Any]:
    """What this process's backend really runs (backend, model, checkpoint SHA-256, device, dtype)."""
    return backend_provenance(backend())


def pipeline_threads() -> int:
    """Threads that clean up and RLE-encode a propagation's masks beside the model
    (inference/bridge/pipeline.py): MASKLET_PIPELINE_THREADS when set (0: in the model's thread,
    between frames), else 2 where the model leaves room for them and 0 where it does not.

    Overlapping pays only on cores the model does not use: on a GPU, or on a CPU with more cores
    than the model's threads (the OpenCV backend's GrabCut and optical flow use one). On a CPU
    whose cores torch's threads fill, side threads only take cores from the model's thread team,
    which then waits at each parallel region for its preempted thread: measured on this 2-core
    machine with 10 objects, 1.16-1.24 x the bare loop's time with two threads, 1.01 inline
    (README, "Where the time goes").
    """
    configured = settings.MASKLET["PIPELINE_THREADS"]
    if configured is not None:
        return max(0, int(configured))
    info = provenance()
    if not str(info.get("device") or "cpu").startswith("cpu"):
        return 2
    cores = os.cpu_count() or 1
    model_threads = 1 if info.get("backend") == "opencv" else int(settings.MASKLET["TORCH_THREADS"] or cores)
    return max(0, min(2, cores - model_threads))


def provenance_id(info: dict[str, Any] | None = None) -> int:
    """The id of the provenance row of `info` (default: this process's), created on first
    sight: what masks record."""
    return provenance_record(info=provenance() if info is None else info).pk


def with_provenance(body: JobBody) -> JobBody:
    """A job body that first records on the job the model it runs on (each attempt: a resumed
    job names the model of its last worker; each mask names its own)."""

    def run(job: Job, ctx: JobContext) -> dict[str, Any] | None:
        job_provenance_set(job=job, provenance=provenance_record(info=provenance()))
        log.info("%s job %s runs on model %s", job.kind, job.pk, model_info()["name"])
        return body(job, ctx)

    run.__name__ = run.__qualname__ = getattr(body, "__name__", "job_body")
    return run


def postprocess_params(video: Video) -> PostprocessParams:
    """The project's mask clean-up settings, in pixels of the original video."""
    pp = project_settings(video.project).postprocess
    return PostprocessParams(
        fill_holes_below=pp.fill_holes_px,
        remove_regions_below=pp.min_region_px,
        open_kernel=pp.open_px,
        close_kernel=pp.close_px,
    )

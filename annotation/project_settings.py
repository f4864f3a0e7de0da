"""A project's settings as one typed schema: types, ranges and defaults in one place.

The API validates new settings with it (a bad value answers 400 naming the field, an unknown key
too), the OpenAPI schema shows it (annotation/api/schema.py), and every reader — the services
that start jobs, the inference bridge's clean-up — reads `ProjectSettings` through
`selectors.projects.project_settings`, never the stored JSON.

A project stores only its overrides (`Project.settings`); what it does not set follows the
defaults here, so a changed default reaches every project that did not choose otherwise.
Pixel units throughout: areas in pixels of the original video, kernels as the side of a square.
"""

from __future__ import annotations

import copy
import logging
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

log = logging.getLogger(__name__)

# Upper bounds: past these a value only makes a job slow or huge, never better.
MAX_AREA_PX = 4096 * 4096  # a whole 4K frame
MAX_KERNEL_PX = 31  # opening/closing kernel side; larger erases whole objects and costs seconds
MAX_POINTS_PER_SIDE = 64  # SA-V uses 32 on the full frame; 64x64 = 4096 prompts already
MAX_CROP_LAYERS = 2  # SA-V's data engine: the frame, 4 crops, 16 crops
MAX_MASKLETS = 500  # automatic masklets created by one job
MAX_PROPAGATION_FRAMES = 100_000  # per direction; about an hour at 24 fps


class _Section(BaseModel):
    # strict: "64" or true is not a number of pixels; forbid: a misspelt key is an error.
    model_config = ConfigDict(extra="forbid", strict=True)


class PropagationSettings(_Section):
    max_frames: int | None = Field(
        None, ge=1, le=MAX_PROPAGATION_FRAMES,
        description="frames a propagation reaches per direction, counting its start frame; null: to the video's end",
    )


class PostprocessSettings(_Section):
    """Clean-up of every mask a click, a propagation or an automatic masklet produces."""

    fill_holes_px: int = Field(64, ge=0, le=MAX_AREA_PX, description="fill holes smaller than this area (px); 0: off")
    min_region_px: int = Field(
        32, ge=0, le=MAX_AREA_PX, description="remove mask regions smaller than this area (px); 0: off"
    )
    open_px: int = Field(0, ge=0, le=MAX_KERNEL_PX, description="morphological opening kernel side (px); 0: off")
    close_px: int = Field(0, ge=0, le=MAX_KERNEL_PX, description="morphological closing kernel side (px); 0: off")


GridSize = Annotated[int, Field(ge=1, le=MAX_POINTS_PER_SIDE)]


class AutomaskSettings(_Section):
    """Automatic masklets, after the SA-V data engine: a 32x32 point grid on the key frame,
    16x16 on each of 4 crops, 4x4 on each of 16 crops."""

    points_per_side: list[GridSize] = Field(
        default_factory=lambda: [32, 16, 4], min_length=1, max_length=MAX_CROP_LAYERS + 1,
        description="points per side of the grid of each crop layer (the full frame first)",
    )
    crop_n_layers: int = Field(2, ge=0, le=MAX_CROP_LAYERS, description="crop layers used beyond the full frame")
    pred_iou_thresh: float = Field(0.8, ge=0, le=1, description="drop masks whose predicted IoU is lower")
    stability_score_thresh: float = Field(0.9, ge=0, le=1, description="drop masks less stable than this")
    box_nms_thresh: float = Field(0.7, ge=0, le=1, description="box IoU above which duplicates are removed")
    min_mask_region_area: int = Field(64, ge=0, le=MAX_AREA_PX, description="smallest mask kept (px)")
    max_masklets: int = Field(50, ge=1, le=MAX_MASKLETS, description="automatic masklets created at most")
    key_frame: int = Field(0, ge=0, description="annotated-frame index the proposals are made on")
    key_frame_every: int = Field(
        0, ge=0, le=MAX_PROPAGATION_FRAMES,
        description="key frames every N frames either side of key_frame propose objects that enter later (0: key_frame only)",
    )
    dedup_iou: float | None = Field(
        None, ge=0, le=1,
        description="a proposal whose mask IoU with a mask already on its key frame exceeds this is dropped; "
        "null: the deployment's MASKLET_AUTOMASK_DEDUP_IOU",
    )
    max_frames: int | None = Field(
        None, ge=1, le=MAX_PROPAGATION_FRAMES,
        description="frames the proposals are propagated per direction; null: to the video's ends",
    )


class DeliverySettings(_Section):
    """What an export may hold (annotation/services/delivery_policy.py)."""

    policy: Literal["verified_or_accepted", "verified", "not_rejected"] = Field(
        "verified_or_accepted",
        description="verified_or_accepted: verified masklets, and masklets' frames in tasks a reviewer accepted; "
        "verified: verified masklets only; not_rejected: all but rejected masklets. Pending proposals never.",
    )


class QASettings(_Section):
    """Automated QA thresholds (annotation/evaluation/qa.py explains each check)."""

    temporal_iou_min: float = Field(0.5, ge=0, le=1, description="flag consecutive annotated frames whose IoU is lower")
    area_jump_ratio: float = Field(2.0, ge=1, description="flag an area change by more than this factor")
    min_component_px: float = Field(16, ge=0, le=MAX_AREA_PX, description="smallest connected component counted (px)")
    flicker_frames: float = Field(3, ge=0, le=MAX_PROPAGATION_FRAMES, description="vanish and return within this many frames")
    overlap_max: float = Field(0.2, ge=0, le=1, description="flag two masklets sharing more than this of the smaller")
    score_min: float = Field(0.5, ge=0, le=1, description="flag stored model scores below this")
    tiny_fraction: float = Field(0.0001, ge=0, le=1, description="flag non-empty masks smaller than this share of the frame")


class ConceptSettings(_Section):
    """Concept prompts ("Find all…": every instance of a noun phrase, SAM 3)."""

    score_threshold: float = Field(
        0.5, ge=0, le=1, description="instances the model scores below this on a frame are left out there"
    )
    dedup_iou: float | None = Field(
        None, ge=0, le=1,
        description="an instance whose mask IoU with a mask already on the frame where it appears exceeds this is "
        "not proposed; null: the deployment's MASKLET_CONCEPT_DEDUP_IOU",
    )


class ModelSettings(_Section):
    """Which model role answers the project's clicks, propagations and automatic masklets when a
    request names none (annotation/jobs/routing.py; the operator maps roles to models)."""

    default_role: Literal["rapid", "accurate"] | None = Field(
        None,
        description="rapid (fast, e.g. EdgeTAM) or accurate (e.g. SAM 2.1) for clicks and jobs that name no role; "
        "null: any worker (the deployment's shared queues)",
    )


class ProjectSettings(_Section):
    propagation: PropagationSettings = Field(default_factory=PropagationSettings)
    postprocess: PostprocessSettings = Field(default_factory=PostprocessSettings)
    automask: AutomaskSettings = Field(default_factory=AutomaskSettings)
    delivery: DeliverySettings = Field(default_factory=DeliverySettings)
    qa: QASettings = Field(default_factory=QASettings)
    models: ModelSettings = Field(default_factory=ModelSettings)
    concepts: ConceptSettings = Field(default_factory=ConceptSettings)


def settings_overrides(value: Any) -> dict[str, Any]:
    """The overrides to store for `value` (what a client sent), checked against the schema: only
    the keys given, nested as given. Raises pydantic's ValidationError naming every bad field."""
    return ProjectSettings.model_validate(value).model_dump(mode="json", exclude_unset=True)


def error_tree(error: ValidationError) -> dict[str, Any] | list[str]:
    """pydantic's errors nested as DRF nests field errors: {"postprocess": {"fill_holes_px":
    ["..."]}} (a list item's error sits under its list); a list of messages when the value as a
    whole is wrong (not an object)."""
    tree: dict[str, Any] = {}
    whole: list[str] = []
    for item in error.errors():
        keys = [part for part in item["loc"] if isinstance(part, str)]
        if not keys:
            whole.append(_message(item))
            continue
        node = tree
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        messages = node.setdefault(keys[-1], [])
        if isinstance(messages, list):
            messages.append(_message(item))
    return whole or tree


def _message(item: Any) -> str:
    if item["type"] == "extra_forbidden":
        return "unknown setting"
    if item["type"] in ("model_type", "model_attributes_type", "dict_type"):
        return "must be an object"
    prefix = f"item {item['loc'][-1]}: " if isinstance(item["loc"][-1], int) else ""
    return prefix + str(item["msg"]).replace("Input should", "should")


def sanitized_overrides(stored: Any) -> dict[str, Any]:
    """The valid part of stored overrides: every unknown key and bad value dropped, so those
    settings fall back to their defaults (the data migration and a defensive read use this)."""
    current = copy.deepcopy(stored) if isinstance(stored, dict) else {}
    for _ in range(100):  # each round drops at least one bad key; settings are small
        try:
            return settings_overrides(current)
        except ValidationError as error:
            for item in error.errors():
                if not _drop_key(current, [part for part in item["loc"] if isinstance(part, str)]):
                    return {}
    return {}


def _drop_key(value: dict[str, Any], keys: list[str]) -> bool:
    """Remove the object key at `keys` (a bad list item drops its whole list); False if absent."""
    node: Any = value
    for key in keys[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
    if keys and isinstance(node, dict) and keys[-1] in node:
        del node[keys[-1]]
        return True
    return False


def settings_from_stored(stored: Any) -> ProjectSettings:
    """A project's settings with defaults filled in. Stored values are valid (the API checks them
    and a migration reset older bad ones); one that is not falls back to its default, logged."""
    try:
        return ProjectSettings.model_validate(stored if stored is not None else {})
    except ValidationError as error:
        log.warning("invalid stored project settings ignored: %s", error)
        return ProjectSettings.model_validate(sanitized_overrides(stored))

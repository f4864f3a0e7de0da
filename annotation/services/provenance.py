"""Provenance records: the backend and model a worker ran, stored once per distinct model and
named by the jobs and masks it produced (models/provenance.py)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from annotation.models import Job, ModelProvenance
from annotation.services.errors import InvalidInput

IDENTITY = ("backend", "model", "checkpoint", "checkpoint_sha256", "device", "dtype", "image_size")


def provenance_record(*, info: dict[str, Any]) -> ModelProvenance:
    """The row for a worker's provenance dict (inference/engine/provenance.py), created on first
    sight. Two workers meeting the same new model at once both end with the one row."""
    missing = [k for k in ("backend", "model", "device") if not info.get(k)]
    if missing:
        raise InvalidInput(f"a provenance needs {', '.join(missing)}")
    identity = {k: info.get(k) or (0 if k == "image_size" else "") for k in IDENTITY}
    identity["image_size"] = int(identity["image_size"])
    row = ModelProvenance.objects.filter(**identity).first()  # the usual case: one query
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return ModelProvenance.objects.create(**identity, label=str(info.get("label") or "")[:300])
    except IntegrityError:  # created by another worker between our read and our insert
        return ModelProvenance.objects.get(**identity)


def job_provenance_set(*, job: Job, provenance: ModelProvenance) -> None:
    """Record that `job` runs (now, in this attempt) on `provenance`'s model."""
    Job.objects.filter(pk=job.pk).update(provenance=provenance)
    job.provenance = provenance

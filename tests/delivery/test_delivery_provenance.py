"""Exports carry the provenance of their masks: the models that produced them (backend, model,
checkpoint SHA-256, device, dtype) and how many masks each made, in manifest.json (SA-V, COCO)
and in the zip comment (DAVIS, whose manifest.json the DAVIS writer owns). The masks come from
the session's worker (OpenCV backend): a click, a propagation, and a person's edit (no model)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from annotation.models import FrameMask
from annotation.services import masklets as masklet_services
from tests.delivery.delivery_helpers import everything, export, square, unzip
from tests.factories import make_team
from tests.inference.helpers import click, new_masklet, start_propagation, wait_job

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_exports_carry_the_models_that_made_their_masks(celery_worker: Any) -> None:
    team = make_team("prov")
    client = team.client("annotator")
    masklet = new_masklet(client, team.video.pk)
    answer = click(client, masklet, 0, box=[6, 16, 38, 48])
    done = wait_job(client, start_propagation(client, team.video.pk, masklets=[masklet], start_frame=0, direction="forward"))
    assert done["status"] == "succeeded", done
    model = answer["provenance"]
    assert done["provenance"] == model  # the same worker answered the click and ran the job
    edited = masklet_services.masklet_create(video=team.video, user=team.manager)
    masklet_services.frame_mask_put(masklet=edited, frame=1, rle=square(64, 96, 5, 5, 8), version=0, user=team.manager)
    by_model = FrameMask.objects.filter(masklet_id=masklet, provenance_id=model["id"]).count()
    assert by_model == 6  # the click's frame and the five propagated ones
    expected = {"models": [model], "masks": {str(model["id"]): by_model, "none": 1}}

    everything(team.project)  # about provenance, not about what the delivery policy lets through
    manager = team.client("manager")
    job, content = export(manager, team.project, format="sav")
    assert job["result"]["provenance"] == expected
    assert json.loads(unzip(content).read("manifest.json"))["export"]["provenance"] == expected
    _, content = export(manager, team.project, format="coco")
    assert json.loads(unzip(content).read("manifest.json"))["export"]["provenance"] == expected
    _, content = export(manager, team.project, format="davis")
    assert json.loads(unzip(content).comment)["export"]["provenance"] == expected
    assert expected["models"][0]["backend"] == "opencv" and expected["models"][0]["model"].startswith("opencv-")

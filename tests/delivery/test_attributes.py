"""Per-label attribute schemas (text, select, checkbox), values per masklet through the API, and
both carried into exports: COCO `attributes` on each annotation, SA-V `masklet_attributes`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from annotation.models import Masklet
from annotation.services import masklets as masklet_services
from tests.delivery.delivery_helpers import everything, export, square, unzip
from tests.factories import client_for, make_team

SCHEMA = [
    {"name": "pose", "type": "select", "options": ["standing", "sitting"]},
    {"name": "occluded", "type": "checkbox"},
    {"name": "note", "type": "text"},
]


def _labelled(prefix: str) -> tuple[Any, dict, dict]:
    team = make_team(prefix)
    manager = client_for(team.manager)
    made = manager.post(f"/api/projects/{team.project.pk}/labels/", {"name": "person", "attributes": SCHEMA}, format="json")
    assert made.status_code == 201, made.json()
    label = made.json()
    masklet = client_for(team.annotator).post(f"/api/videos/{team.video.pk}/masklets/", {"label": label["id"], "name": "kid"}, format="json").json()
    return team, label, masklet


@pytest.mark.django_db
def test_label_schema_and_masklet_values_are_checked() -> None:
    team, label, masklet = _labelled("attr")
    assert label["attributes"] == [
        {"name": "pose", "type": "select", "options": ["standing", "sitting"]},
        {"name": "occluded", "type": "checkbox", "options": []},
        {"name": "note", "type": "text", "options": []},
    ]
    annotator = client_for(team.annotator)
    ok = annotator.patch(f"/api/masklets/{masklet['id']}/", {"attributes": {"pose": "sitting", "occluded": True}}, format="json")
    assert ok.status_code == 200 and ok.json()["attributes"] == {"pose": "sitting", "occluded": True}
    more = annotator.patch(f"/api/masklets/{masklet['id']}/", {"attributes": {"note": "behind the bed"}}, format="json")
    assert more.json()["attributes"] == {"pose": "sitting", "occluded": True, "note": "behind the bed"}
    for bad, words in (
        ({"pose": "flying"}, "must be one of standing, sitting"),
        ({"occluded": "yes"}, "checkbox"),
        ({"colour": "red"}, "no attribute 'colour'"),
    ):
        answer = annotator.patch(f"/api/masklets/{masklet['id']}/", {"attributes": bad}, format="json")
        assert answer.status_code == 400 and words in answer.json()["detail"], answer.json()
    manager = client_for(team.manager)
    for schema, words in (
        ([{"name": "a", "type": "select"}], "needs options"),
        ([{"name": "a", "type": "colour"}], "type"),
        ([{"name": "a", "type": "text"}, {"name": "a", "type": "checkbox"}], "two attributes"),
    ):
        answer = manager.patch(f"/api/labels/{label['id']}/", {"attributes": schema}, format="json")
        assert answer.status_code == 400 and words in json.dumps(answer.json()), answer.json()
    # dropping an attribute (and an option) from the schema drops those values, keeps the others
    narrowed = [{"name": "pose", "type": "select", "options": ["standing"]}, {"name": "note", "type": "text"}]
    assert manager.patch(f"/api/labels/{label['id']}/", {"attributes": narrowed}, format="json").status_code == 200
    assert annotator.get(f"/api/masklets/{masklet['id']}/").json()["attributes"] == {"note": "behind the bed"}
    # a masklet without a label takes no attributes
    assert annotator.patch(f"/api/masklets/{masklet['id']}/", {"label": None}, format="json").json()["attributes"] == {}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_exports_carry_the_attributes(celery_worker: Any) -> None:
    team, label, masklet = _labelled("attrx")
    annotator = client_for(team.annotator)
    annotator.patch(f"/api/masklets/{masklet['id']}/", {"attributes": {"pose": "standing", "occluded": False}}, format="json")
    plain = masklet_services.masklet_create(video=team.video, user=team.manager)
    for m in (masklet["id"], plain.pk):
        masklet_services.frame_mask_put(
            masklet=Masklet.objects.get(pk=m), frame=0, rle=square(64, 96, 10, 10 if m == plain.pk else 40, 12),
            version=0, user=team.manager,
        )
    everything(team.project)  # about formats, not about what the delivery policy lets through
    manager = client_for(team.manager)
    _, content = export(manager, team.project, format="coco")
    annotations = json.loads(unzip(content).read("annotations.json"))["annotations"]
    by_track = {a["track_id"]: a for a in annotations}
    assert by_track[masklet["number"]]["attributes"] == {"pose": "standing", "occluded": False}
    assert "attributes" not in by_track[plain.number]
    _, content = export(manager, team.project, format="sav")
    archive = unzip(content)
    name = next(n for n in archive.namelist() if n.endswith("_manual.json"))
    sav = json.loads(archive.read(name))
    assert len(sav["masklet_attributes"]) == sav["masklet_num"] == 2
    assert {"pose": "standing", "occluded": False} in sav["masklet_attributes"] and {} in sav["masklet_attributes"]

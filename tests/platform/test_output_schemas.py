"""Every answer of the API has a schema with named, typed fields (clients generate their types from
/api/schema/), and the output serializers that give it pass the services' answers through as they
are: the same JSON, byte for byte."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from annotation.api.serializers import PromptAnswerOut, StatusOut, TimelineOut
from annotation.models import FrameMask
from annotation.selectors import videos as video_selectors
from annotation.services import masklets as masklet_services
from annotation.services import prompts as prompt_services
from tests.platform.conftest import World, square_rle

pytestmark = pytest.mark.django_db

# Free-form by design, named "<component>.<field>":
FREE_FORM = {
    "Error.errors",  # the fields' messages of a 400, nested as the request body is
    "JobOut.params",  # one shape per job kind, written by the service that starts the job
    "JobOut.result",  # one shape per job kind, written by the job's body
    "MaskletOut.attributes",  # keyed by the attribute names its label's schema defines (LabelOut.attributes)
}


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict:
    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def _untyped(schema: dict, components: dict, where: str, seen: set[str]) -> list[str]:
    """Places under `schema` that are an object without properties, or a value of no type."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen.add(name)
        return _untyped(components[name], components, name, seen)
    found: list[str] = []
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, []):
            found += _untyped(part, components, where, seen)
    if any(key in schema for key in ("allOf", "oneOf", "anyOf", "enum")):
        return found
    kind = schema.get("type")
    if kind is None or (kind == "object" and not schema.get("properties")):
        if where not in FREE_FORM:
            found.append(where)
        return found
    for name, field in schema.get("properties", {}).items():
        found += _untyped(field, components, f"{where}.{name}", seen)
    if kind == "array":
        found += _untyped(schema.get("items", {}), components, f"{where}[]", seen)
    return found


def test_every_answer_has_typed_fields(schema: dict) -> None:
    components = schema["components"]["schemas"]
    untyped = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for code, response in operation.get("responses", {}).items():
                for media, content in (response.get("content") or {}).items():
                    if media == "image/jpeg" or media == "application/zip":
                        continue  # files, not JSON
                    where = f"{method.upper()} {path} {code}"
                    untyped += _untyped(content.get("schema", {}), components, where, set())
    assert untyped == [], "answers without a typed schema: " + ", ".join(sorted(set(untyped)))


def _same_json(serializer_class: type, answer: dict) -> None:
    assert JSONRenderer().render(serializer_class(answer).data) == JSONRenderer().render(answer)


def test_prompt_answer_passes_through(world: World) -> None:
    stored = masklet_services.frame_mask_put(
        masklet=world.masklet, frame=2, rle=square_rle(top=3), version=0, user=world.team.annotator
    )
    stored = FrameMask.objects.get(pk=stored.pk)  # as the worker reads it back from the database
    for features in ("computed", "cached", None):
        answer = {
            "frame": 2,
            "rle": stored.rle,
            "score": 0.9731,
            "backend": "opencv",
            "image_features": features,
            "mask": masklet_services.mask_payload(stored),
        }
        _same_json(PromptAnswerOut, answer)


def test_timeline_passes_through(world: World) -> None:
    prompt_services.prompt_record(
        masklet=world.masklet, frame=1, user=world.team.annotator, points=[[5.5, 6]], labels=[1]
    )
    masklet_services.masklet_create(video=world.team.video, user=world.team.manager)  # no masks yet
    timeline = video_selectors.timeline_of(world.team.video)
    assert timeline["masklets"][0]["frames"] and timeline["masklets"][0]["prompt_frames"] == [1]
    _same_json(TimelineOut, timeline)


def test_status_passes_through() -> None:
    response = APIClient().get("/api/status/")
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["backend", "backend_label", "version", "queues", "roles"]
    assert [r["role"] for r in body["roles"]] == ["rapid", "accurate", "concept"]
    assert [q["queue"] for q in body["queues"]] == ["interactive", "batch", "cpu"]
    _same_json(StatusOut, body)

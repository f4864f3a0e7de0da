"""Error shape and robustness: every 4xx is {"detail": str} (+ "errors" for fields, "current" for a
mask conflict); bad bodies on every POST/PATCH/PUT answer 4xx, never 500.

The endpoint list is the permission matrix's (test_permissions.CASES), so a new route is fuzzed too.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotation.models import Job, Prompt
from tests.platform.conftest import World
from tests.platform.test_permissions import CASES, Case

pytestmark = pytest.mark.django_db

WRITE_CASES = [c for c in CASES if c.method in ("post", "patch", "put") and not c.task_state]
JSON_WRITE_CASES = [c for c in WRITE_CASES if not c.multipart]
MULTIPART_CASES = [c for c in WRITE_CASES if c.multipart]

# Values of the wrong type or absurd size, tried in place of every field of a valid body.
WEIRD_VALUES: list[Any] = [
    None,
    True,
    -1,
    10**30,
    -(10**30),
    1.5e308,
    "",
    "x" * 20_000,
    "🙂\x00",
    [],
    {},
    [[]],
    [None],
    {"a": [1]},
    [10**30],
    [-1, -2],
    "NaN",
]
# Raw bodies that are not the object the endpoint expects.
RAW_BODIES: list[tuple[str, str]] = [
    ("{not json", "application/json"),
    ('{"name": NaN}', "application/json"),
    ('{"a": Infinity}', "application/json"),
    ("[1, 2, 3]", "application/json"),
    ('"just a string"', "application/json"),
    ("12", "application/json"),
    ("null", "application/json"),
    ("[" * 5000 + "]" * 5000, "application/json"),
    ("\xff\xfe\x00", "application/json"),
    ("<xml/>", "application/xml"),
]
# Field names the endpoints read, beyond those in the matrix's valid bodies.
EXTRA_FIELDS = {
    "project-create": ["description", "annotation_fps", "settings"],
    "project-patch": ["name", "annotation_fps", "settings"],
    "label-create": ["color"],
    "task-create": ["frame_end", "reviewer", "assignee"],
    "task-patch": ["frame_start", "assignee", "reviewer"],
    "masklet-create": ["label"],
    "masklet-rename": ["label", "status", "comment"],
    "propagate": ["max_frames"],
    "automasklets": ["key_frame", "points_per_side", "crop_n_layers", "pred_iou_thresh"],
    "export": ["only_verified", "videos", "labels"],
    "issue-create": ["masklet", "position"],
    "issue-patch": ["text"],
    "evaluation": ["pairs"],
    "prompt": ["points", "labels", "box", "reset"],
    "member-add": [],
}


def _check_error_shape(response: Any, what: str) -> None:
    assert response.status_code != 500, what
    assert response.status_code < 500 or response.status_code == 503, (what, response.status_code)
    if response.status_code >= 400:
        body = response.json()
        assert isinstance(body, dict), (what, body)
        assert isinstance(body.get("detail"), str) and body["detail"].strip(), (what, body)
        assert set(body) <= {"detail", "errors", "current"}, (what, body)
        if "errors" in body:
            assert isinstance(body["errors"], dict | list), (what, body)


def _send(world: World, case: Case, data: Any = None, raw: tuple[str, str] | None = None) -> Any:
    client = world.team.client("manager")
    path = case.path.format(**world.ids())
    if raw is not None:
        return getattr(client, case.method)(path, raw[0], content_type=raw[1])
    return getattr(client, case.method)(path, data, format="json")


@pytest.fixture
def quick_prompts(settings: Any) -> None:
    # A fuzzed click must be refused before a worker is asked; if one ever got through, fail fast.
    settings.MASKLET = {**settings.MASKLET, "INTERACTIVE_TIMEOUT": 1}


@pytest.mark.parametrize("case", JSON_WRITE_CASES, ids=lambda c: c.name)
def test_fuzzed_json_bodies_never_500(world: World, case: Case, quick_prompts: None) -> None:
    valid = case.body(world.ids()) if case.body else {}
    fields = sorted(set(valid) | set(EXTRA_FIELDS.get(case.name, [])))
    prompts = Prompt.objects.count()
    tried = 0
    for field in fields:
        for value in WEIRD_VALUES:
            response = _send(world, case, {**valid, field: value})
            _check_error_shape(response, f"{case.name} {field}={str(value)[:40]!r}")
            tried += 1
    for field in fields:  # each field missing
        response = _send(world, case, {k: v for k, v in valid.items() if k != field})
        _check_error_shape(response, f"{case.name} without {field}")
    for raw in RAW_BODIES:
        response = _send(world, case, raw=raw)
        _check_error_shape(response, f"{case.name} raw {raw[0][:20]!r}")
        if case.body is not None:  # endpoints without a body (job cancel) may ignore it
            assert 400 <= response.status_code < 500, (case.name, raw[0][:20], response.status_code)
    assert tried == len(fields) * len(WEIRD_VALUES)
    if case.name == "prompt":
        assert Prompt.objects.count() == prompts  # no fuzzed click was logged or sent to a worker


def test_raw_garbage_is_400_with_detail(world: World) -> None:
    response = world.team.client("manager").post(
        "/api/projects/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
    response = world.team.client("manager").post(
        "/api/projects/", "<xml/>", content_type="application/xml"
    )
    assert response.status_code == 415 and "detail" in response.json()


def test_field_errors_name_the_fields(world: World) -> None:
    response = world.team.client("manager").post(
        "/api/projects/", {"annotation_fps": "fast"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"name", "annotation_fps"}
    assert "name" in body["detail"] and "annotation_fps" in body["detail"]


@pytest.mark.parametrize("case", MULTIPART_CASES, ids=lambda c: c.name)
def test_bad_uploads_are_4xx(world: World, case: Case) -> None:
    client = world.team.client("manager")
    path = case.path.format(**world.ids())
    jobs = Job.objects.count()
    bodies: list[dict[str, Any]] = [
        {},
        {"file": "not a file"},
        {"file": SimpleUploadedFile("empty.mp4", b"")},
        {"name": "x" * 1000},
    ]
    if case.name == "import":
        bodies.append({"file": SimpleUploadedFile("x.json", b"{}"), "format": "yaml"})
    for body in bodies:
        response = client.post(path, body, format="multipart")
        _check_error_shape(response, f"{case.name} {sorted(body)}")
        assert 400 <= response.status_code < 500, (case.name, body, response.status_code)
    assert client.post(path, {"file": "x"}, format="json").status_code == 415
    assert Job.objects.count() == jobs  # nothing queued


DETAIL_ROUTES = sorted({c.path.split("?")[0] for c in CASES if "{" in c.path})


@pytest.mark.parametrize("number", ["0", "999999", str(2**63), "9" * 40])
def test_unknown_or_huge_ids_are_404(world: World, number: str) -> None:
    client = world.team.client("manager")
    for template in DETAIL_ROUTES:
        ids = {key: number for key in world.ids()}
        path = template.format(**ids)
        response = client.get(path)
        assert response.status_code in (404, 405), (path, response.status_code)
        if response.status_code == 404:
            assert isinstance(response.json()["detail"], str)


def test_unknown_api_path_is_json_404(world: World) -> None:
    response = world.team.client("manager").get("/api/no-such-thing/")
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_wrong_method_is_405_with_detail(world: World) -> None:
    response = world.team.client("manager").put(
        f"/api/projects/{world.team.project.pk}/members/", {}, format="json"
    )
    assert response.status_code == 405
    assert set(response.json()) == {"detail"}


def test_conflicts_are_409_with_detail(world: World) -> None:
    client = world.team.client("manager")
    label = client.post(
        f"/api/projects/{world.team.project.pk}/labels/", {"name": "car"}, format="json"
    )
    assert label.status_code == 409 and "already has a label" in label.json()["detail"]
    me = world.team.project.memberships.get(user=world.team.manager)
    last_manager = client.delete(f"/api/projects/{world.team.project.pk}/members/{me.pk}/")
    assert (
        last_manager.status_code == 409 and "at least one manager" in last_manager.json()["detail"]
    )
    finished = client.post(f"/api/jobs/{world.export_job.pk}/cancel/")
    assert finished.status_code == 409 and "already finished" in finished.json()["detail"]


def test_project_settings_are_validated(world: World) -> None:
    client = world.team.client("manager")
    url = f"/api/projects/{world.team.project.pk}/"
    for settings_value in ({"nope": 1}, {"automask": 3}, {"automask": {"unknown": 1}}):
        response = client.patch(url, {"settings": settings_value}, format="json")
        assert response.status_code == 400, (settings_value, response.json())
        assert "setting" in response.json()["detail"]
    ok = client.patch(url, {"settings": {"automask": {"max_masklets": 5}}}, format="json")
    assert ok.status_code == 200 and ok.json()["settings"] == {"automask": {"max_masklets": 5}}


def test_error_detail_is_a_sentence_not_a_repr(world: World) -> None:
    """The flattened detail carries the field messages in words, not Python reprs."""
    response = world.team.client("manager").post(
        f"/api/videos/{world.team.video.pk}/propagations/", {"masklets": "all"}, format="json"
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "ErrorDetail" not in detail and "[" not in detail, detail
    assert json.dumps(response.json())  # plain JSON all the way down


def test_nul_characters_and_deep_nesting_are_400(world: World) -> None:
    client = world.team.client("manager")
    members = f"/api/projects/{world.team.project.pk}/members/"
    nul = client.post(members, {"user": "ghost\x00", "role": "reviewer"}, format="json")
    assert nul.status_code == 400 and "NUL" in nul.json()["detail"]
    nested_settings = {"automask": {"key_frame": 0}}
    inner: Any = 0
    for _ in range(100):
        inner = [inner]
    nested_settings["automask"]["key_frame"] = inner
    deep = client.patch(
        f"/api/projects/{world.team.project.pk}/", {"settings": nested_settings}, format="json"
    )
    assert deep.status_code == 400 and "nested" in deep.json()["detail"]
    deeper = client.post(
        "/api/projects/", "[" * 100_000 + "]" * 100_000, content_type="application/json"
    )
    assert deeper.status_code == 400 and "nested" in deeper.json()["detail"]
    world.team.project.refresh_from_db()
    assert world.team.project.settings == {}


def test_oversized_json_body_is_refused(world: World) -> None:
    from django.conf import settings

    body = json.dumps({"name": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = world.team.client("manager").post(
        "/api/projects/", body, content_type="application/json"
    )
    assert 400 <= response.status_code < 500, response.status_code
    assert "detail" in response.json()


def test_django_level_errors_keep_the_json_shape_under_api(rf: Any) -> None:
    from annotation.api import errors

    for path, is_json in (("/api/projects/", True), ("/projects/", False)):
        request = rf.get(path)
        response = errors.server_error(request)
        assert response.status_code == 500
        assert response["Content-Type"].startswith("application/json") == is_json
        if is_json:
            assert set(json.loads(response.content)) == {"detail"}
        response = errors.permission_denied(request, PermissionError())
        assert response.status_code == 403
        assert response["Content-Type"].startswith("application/json") == is_json


def test_nul_in_form_fields_is_400(world: World) -> None:
    client = world.team.client("manager")
    response = client.post(
        f"/api/projects/{world.team.project.pk}/members/",
        "user=gh%00ost&role=reviewer",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400, response.content[:200]
    response = client.post(
        "/api/projects/", "name=a%00b", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400, response.content[:200]

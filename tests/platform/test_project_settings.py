"""Project settings as one typed schema (annotation/project_settings.py): bad values answer 400
naming the field, readers see typed values with defaults, OpenAPI shows the schema, and a data
migration resets stored bad values to their defaults."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
import yaml
from django.apps import apps
from django.db.migrations.loader import MigrationLoader
from rest_framework.test import APIClient

from annotation.models import Project, Video
from annotation.project_settings import ProjectSettings
from annotation.selectors.projects import project_settings
from annotation.services import videos as video_services
from inference.bridge.automask import auto_mask_params
from inference.bridge.engine import postprocess_params
from tests.platform.conftest import World

pytestmark = pytest.mark.django_db

# (settings sent, the path of the field the 400 must name)
BAD_SETTINGS: list[tuple[dict[str, Any], list[str]]] = [
    ({"postprocess": {"fill_holes_px": "abc"}}, ["postprocess", "fill_holes_px"]),
    ({"propagation": {"max_frames": "abc"}}, ["propagation", "max_frames"]),
    ({"propagation": {"max_frames": 0}}, ["propagation", "max_frames"]),
    ({"postprocess": {"open_px": 10**6}}, ["postprocess", "open_px"]),
    ({"postprocess": {"close_px": -1}}, ["postprocess", "close_px"]),
    ({"automask": {"points_per_side": [100000]}}, ["automask", "points_per_side"]),
    ({"automask": {"points_per_side": [32, 16, 4, 2]}}, ["automask", "points_per_side"]),
    ({"automask": {"max_masklets": 10**9}}, ["automask", "max_masklets"]),
    ({"automask": {"pred_iou_thresh": 1.5}}, ["automask", "pred_iou_thresh"]),
    ({"automask": {"max_masklets": True}}, ["automask", "max_masklets"]),
    ({"automask": {"unknown": 1}}, ["automask", "unknown"]),
    ({"nope": 1}, ["nope"]),
    ({"automask": 3}, ["automask"]),
]


def _named(errors: Any, path: list[str]) -> list[str]:
    for key in path:
        assert isinstance(errors, dict) and key in errors, (path, errors)
        errors = errors[key]
    assert isinstance(errors, list) and errors and all(isinstance(m, str) for m in errors), errors
    return errors


@pytest.mark.parametrize(("value", "path"), BAD_SETTINGS, ids=lambda v: str(v))
def test_bad_setting_answers_400_naming_the_field(world: World, value: dict, path: list[str]) -> None:
    client = world.team.client("manager")
    patched = client.patch(f"/api/projects/{world.team.project.pk}/", {"settings": value}, format="json")
    assert patched.status_code == 400, patched.json()
    body = patched.json()
    _named(body["errors"]["settings"], path)
    assert "settings: " + ": ".join(path) in body["detail"], body["detail"]
    created = client.post("/api/projects/", {"name": "new", "settings": value}, format="json")
    assert created.status_code == 400
    _named(created.json()["errors"]["settings"], path)
    world.team.project.refresh_from_db()
    assert world.team.project.settings == {}
    assert not Project.objects.filter(name="new").exists()


def test_settings_that_are_not_an_object(world: World) -> None:
    answer = world.team.client("manager").patch(
        f"/api/projects/{world.team.project.pk}/", {"settings": [1, 2]}, format="json"
    )
    assert answer.status_code == 400 and answer.json()["errors"] == {"settings": ["must be an object"]}


def test_overrides_are_stored_and_readers_get_typed_values_with_defaults(world: World) -> None:
    project = world.team.project
    answer = world.team.client("manager").patch(
        f"/api/projects/{project.pk}/",
        {"settings": {"postprocess": {"open_px": 3}, "propagation": {"max_frames": 4}}},
        format="json",
    )
    assert answer.status_code == 200
    assert answer.json()["settings"] == {"postprocess": {"open_px": 3}, "propagation": {"max_frames": 4}}
    project.refresh_from_db()
    typed = project_settings(project)
    assert isinstance(typed, ProjectSettings)
    assert typed.postprocess.open_px == 3 and typed.postprocess.fill_holes_px == 64  # default kept
    assert typed.propagation.max_frames == 4 and typed.automask.points_per_side == [32, 16, 4]
    pp = postprocess_params(Video.objects.get(pk=world.team.video.pk))
    assert (pp.open_kernel, pp.fill_holes_below, pp.remove_regions_below) == (3, 64, 32)


def test_jobs_take_their_defaults_from_the_schema(world: World) -> None:
    team = world.team
    team.client("manager").patch(
        f"/api/projects/{team.project.pk}/", {"settings": {"automask": {"max_masklets": 7, "crop_n_layers": 1}}},
        format="json",
    )
    team.project.refresh_from_db()
    job = video_services.automasklets_start(video=Video.objects.get(pk=team.video.pk), user=team.manager, params={"key_frame": 2})
    assert job.params["max_masklets"] == 7 and job.params["key_frame"] == 2
    assert job.params["postprocess"] == ProjectSettings().postprocess.model_dump()
    engine = auto_mask_params(job.params)
    # max_masklets caps the new masklets after de-duplication (bridge/automask.py), not the engine
    assert engine.grid_sizes == (32, 16) and engine.max_masks is None and engine.pred_iou_thresh == 0.8


def test_openapi_shows_the_typed_settings() -> None:
    schema = yaml.safe_load(APIClient().get("/api/schema/").content)
    components = schema["components"]["schemas"]
    patch = components["PatchedProjectPatchRequest"]["properties"]["settings"]
    assert patch == {"$ref": "#/components/schemas/ProjectSettings"}
    out = components["ProjectOut"]["properties"]["settings"]
    assert out["allOf"] == [{"$ref": "#/components/schemas/ProjectSettings"}] and out["readOnly"] is True
    settings = components["ProjectSettings"]
    assert settings["additionalProperties"] is False and "required" not in settings
    assert set(settings["properties"]) == {"propagation", "postprocess", "automask", "delivery", "qa", "models", "concepts"}
    postprocess = components["PostprocessSettings"]["properties"]
    assert postprocess["open_px"] == {**postprocess["open_px"], "type": "integer", "minimum": 0, "maximum": 31}
    automask = components["AutomaskSettings"]["properties"]
    assert automask["points_per_side"]["items"]["maximum"] == 64 and automask["max_masklets"]["maximum"] == 500
    assert automask["max_frames"]["nullable"] is True and automask["max_frames"]["type"] == "integer"


def _migration(suffix: str) -> Any:
    """The migration module by the end of its name (its number changes when branches merge)."""
    names = [name for app, name in MigrationLoader(None).disk_migrations if app == "annotation" and name.endswith(suffix)]
    assert len(names) == 1, names
    return importlib.import_module(f"annotation.migrations.{names[0]}")


def test_migration_resets_stored_bad_values_to_defaults(world: World) -> None:
    migration = _migration("project_settings_reset_invalid")
    bad = {
        "postprocess": {"fill_holes_px": "abc", "open_px": 10**6, "close_px": 2},
        "propagation": {"max_frames": "abc"},
        "automask": {"points_per_side": [100000], "max_masklets": 10**9, "key_frame": 1, "typo": 1},
        "unknown": {"x": 1},
    }
    good = {"automask": {"max_masklets": 5}}
    # Stored as older versions let them be stored: straight into the column, unchecked.
    Project.objects.filter(pk=world.team.project.pk).update(settings=bad)
    other = Project.objects.create(name="other", settings=good)
    broken = Project.objects.create(name="broken", settings=["not", "an", "object"])

    migration.reset_invalid_settings(apps, None)

    world.team.project.refresh_from_db()
    assert world.team.project.settings == {
        "postprocess": {"close_px": 2}, "propagation": {}, "automask": {"key_frame": 1}
    }
    typed = project_settings(world.team.project)
    assert typed.postprocess.fill_holes_px == 64 and typed.postprocess.open_px == 0
    assert typed.automask.max_masklets == 50 and typed.automask.points_per_side == [32, 16, 4]
    other.refresh_from_db()
    broken.refresh_from_db()
    assert other.settings == good and broken.settings == {}
    # Reversible as a no-op.
    operation = migration.Migration.operations[0]
    assert operation.reversible and operation.reverse_code.__name__ == "noop"


def test_a_bad_stored_value_read_before_the_migration_falls_back_to_its_default(world: World) -> None:
    Project.objects.filter(pk=world.team.project.pk).update(settings={"postprocess": {"fill_holes_px": "abc"}})
    world.team.project.refresh_from_db()
    assert postprocess_params(Video.objects.get(pk=world.team.video.pk)).fill_holes_below == 64

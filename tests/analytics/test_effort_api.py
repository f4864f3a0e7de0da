"""The effort API: who sees what, CSV download, bad input, the activity heartbeat, task progress."""

from __future__ import annotations

import csv
import io

import pytest

from annotation.models import Interaction
from annotation.models.masklets import MaskSource
from annotation.services import masklets as masklet_services
from annotation.services import tasks as task_services
from annotation.services.masklets import NewMask
from tests.analytics.test_effort import play_script, square
from tests.factories import Team, client_for, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team() -> Team:
    team = make_team()
    play_script(team)
    return team


def _url(team: Team, suffix: str = "effort/") -> str:
    return f"/api/projects/{team.project.pk}/{suffix}"


def test_a_manager_sees_every_annotator(team: Team) -> None:
    response = team.client("manager").get(_url(team), {"group": "annotator"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["group"], body["scope"]) == ("annotator", "project")
    by_label = {row["label"]: row for row in body["rows"]}
    assert set(by_label) == {"annotator", "other"}
    assert by_label["annotator"]["active_seconds"] == 185.0
    assert by_label["annotator"]["seconds_per_frame"] == 20.556
    assert by_label["other"]["clicks_per_masklet"] == 2.0


@pytest.mark.parametrize("role", ["annotator", "reviewer"])
def test_everyone_else_sees_only_their_own_work(team: Team, role: str) -> None:
    body = team.client(role).get(_url(team), {"group": "annotator"}).json()
    assert body["scope"] == "own"
    assert [row["label"] for row in body["rows"]] == (["annotator"] if role == "annotator" else [])


def test_outsiders_and_anonymous_get_nothing(team: Team) -> None:
    assert team.client("outsider").get(_url(team)).status_code == 404
    assert team.client("outsider").get(_url(team, "effort.csv")).status_code == 404
    assert client_for(None).get(_url(team)).status_code == 401


@pytest.mark.parametrize(
    "query, field",
    [({"group": "week"}, "group"), ({"since": "yesterday"}, "since"), ({"since": "2026-03-03", "until": "2026-03-02"}, "until")],
)
def test_bad_queries_are_400_naming_the_field(team: Team, query: dict, field: str) -> None:
    response = team.client("manager").get(_url(team), query)
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()


def test_csv_download_has_the_json_rows(team: Team) -> None:
    response = team.client("manager").get(_url(team, "effort.csv"), {"group": "day"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f'effort-project-{team.project.pk}-day.csv' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["key"], r["active_seconds"], r["annotated_frames"], r["clicks"]) for r in rows] == [
        ("2026-03-02", "180.0", "9", "6"),
        ("2026-03-03", "45.0", "1", "1"),
    ]
    own = team.client("other_annotator").get(_url(team, "effort.csv"), {"group": "project"})
    assert [r["active_seconds"] for r in csv.DictReader(io.StringIO(own.content.decode()))] == ["40.0"]


def test_activity_heartbeat(team: Team) -> None:
    url = f"/api/videos/{team.video.pk}/activity/"
    before = Interaction.objects.filter(kind="view").count()
    response = team.client("annotator").post(url, {"frame": 2}, format="json")
    assert response.status_code == 204
    newest = Interaction.objects.order_by("-id").first()
    assert newest is not None
    assert (newest.kind, newest.frame, newest.user_id, newest.task_id) == ("view", 2, team.annotator.pk, team.task.pk)
    assert Interaction.objects.filter(kind="view").count() == before + 1
    assert team.client("annotator").post(url, {"frame": 6}, format="json").status_code == 400
    assert team.client("annotator").post(url, {"frame": "x"}, format="json").status_code == 400
    assert team.client("outsider").post(url, {"frame": 1}, format="json").status_code == 404


def test_task_progress_is_annotated_frames_of_its_range() -> None:
    team = make_team(frames=6)
    part = task_services.task_create(
        project=team.project, video=team.video, frame_start=2, frame_end=4, assignee=team.other_annotator.pk
    )
    masklet = masklet_services.masklet_create(video=team.video, user=team.annotator)
    other = masklet_services.masklet_create(video=team.video, user=team.annotator)
    masklet_services.frame_masks_store(
        masklet=masklet,
        masks=[NewMask(frame=f, rle=square(), source=MaskSource.PROPAGATED) for f in (0, 3, 5)]
        + [NewMask(frame=4, rle=square(size=0), source=MaskSource.PROPAGATED)],  # empty: not annotated
    )
    masklet_services.frame_masks_store(masklet=other, masks=[NewMask(frame=3, rle=square(), source=MaskSource.PROMPT)])
    tasks = {t["id"]: t for t in team.client("manager").get(f"/api/projects/{team.project.pk}/tasks/").json()}
    assert (tasks[team.task.pk]["annotated_frames"], tasks[team.task.pk]["frame_total"]) == (3, 6)
    assert (tasks[part.pk]["annotated_frames"], tasks[part.pk]["frame_total"]) == (1, 3)
    mine = team.client("other_annotator").get("/api/tasks/").json()
    assert [(t["id"], t["annotated_frames"], t["frame_total"]) for t in mine if t["id"] == part.pk] == [(part.pk, 1, 3)]

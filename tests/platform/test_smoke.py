import pytest

from tests.factories import make_team

pytestmark = pytest.mark.django_db


def test_manager_sees_project_outsider_does_not() -> None:
    team = make_team()
    assert [p["id"] for p in team.client("manager").get("/api/projects/").json()] == [
        team.project.pk
    ]
    assert team.client("outsider").get("/api/projects/").json() == []
    response = team.client("outsider").get(f"/api/projects/{team.project.pk}/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_masklet_mask_put_and_stale_version() -> None:
    team = make_team()
    client = team.client("annotator")
    masklet = client.post(
        f"/api/videos/{team.video.pk}/masklets/", {"name": "kid"}, format="json"
    ).json()
    import numpy as np

    import maskcodec

    mask = np.zeros((64, 96), dtype=bool)
    mask[10:20, 10:30] = True
    rle = maskcodec.encode(mask)
    first = client.put(
        f"/api/masklets/{masklet['id']}/masks/2/", {"rle": rle, "version": 0}, format="json"
    )
    assert first.status_code == 200, first.json()
    assert first.json()["version"] == 1 and first.json()["area"] == 200
    stale = client.put(
        f"/api/masklets/{masklet['id']}/masks/2/",
        {"rle": maskcodec.empty(64, 96), "version": 0},
        format="json",
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["rle"] == rle
    stored = client.get(f"/api/masklets/{masklet['id']}/masks/").json()
    assert [m["area"] for m in stored] == [200]

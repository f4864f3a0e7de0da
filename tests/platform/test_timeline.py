"""The timeline (GET /api/videos/{id}/timeline/) read while masklets are being created.

Its three queries each see what was committed when they ran. An automatic-masklets job creates
masklets and stores their masks while the team's browsers reload the timeline: a masklet created
after the first query must appear with its masks and prompts, not answer a 500 (KeyError).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from annotation.models import Prompt
from annotation.services.masklets import NewMask, frame_masks_store, masklet_create
from tests.platform.conftest import World, square_rle

pytestmark = pytest.mark.django_db


def test_a_masklet_created_while_the_timeline_is_read_appears_with_its_masks(world: World) -> None:
    video = world.team.video
    client = world.team.client("annotator")
    before = client.get(f"/api/videos/{video.pk}/timeline/").json()["masklets"]
    created: list[Any] = []

    def another_request_adds_a_masklet(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        if not created and 'FROM "annotation_masklet"' in sql:  # the timeline has read the masklet list
            created.append(None)  # once: the writes below run through this wrapper too
            masklet = masklet_create(video=video, user=world.team.manager, name="proposal")
            frame_masks_store(masklet=masklet, masks=[NewMask(f, square_rle(), "auto") for f in (1, 2)])
            Prompt.objects.create(masklet=masklet, frame=1, points=[[5, 5]], labels=[1], user=world.team.manager)
            created[0] = masklet
        return result

    with connection.execute_wrapper(another_request_adds_a_masklet):
        response = client.get(f"/api/videos/{video.pk}/timeline/")
    assert response.status_code == 200, response.content[:300]
    rows = {row["id"]: row for row in response.json()["masklets"]}
    assert created and list(rows) == [world.masklet.pk, created[0].pk]
    assert [rows[world.masklet.pk]] == before
    assert rows[created[0].pk] == {"id": created[0].pk, "frames": [[1, "auto", 144], [2, "auto", 144]], "prompt_frames": [1]}

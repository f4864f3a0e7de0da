"""The team-scale benchmark's annotators (benchmarks/load_annotator.py) against the test session's
server and OpenCV worker: three of them for five seconds, with websockets, clicks, brush edits with
deliberate conflicts and the workspace's reactions to events. No error, every edit's event on the
other sockets, no acknowledged edit lost. `benchmarks/load.py` runs the same pieces against the
whole `make demo` stack with 40 annotators for a minute."""

from __future__ import annotations

import time

import numpy as np
import pytest

import maskcodec
from annotation.services import tasks as task_services
from annotation.services.masklets import NewMask, frame_masks_store, masklet_create
from benchmarks.load_annotator import Annotator, Sockets, Stats, World, lost_edits
from tests.factories import make_team, token_for

pytestmark = [pytest.mark.worker, pytest.mark.usefixtures("transactional_db")]


@pytest.mark.timeout(180)
def test_three_annotators_for_five_seconds_lose_nothing(live_server_url: str, celery_worker: object) -> None:
    team = make_team("bench-", frames=40)
    video = team.video
    task_services.task_create(project=team.project, video=video, assignee=team.other_annotator.pk)
    people = [team.manager, team.annotator, team.other_annotator]
    tokens = [token_for(user) for user in people]
    region = np.zeros((video.height, video.width), bool)
    region[10:30, 20:50] = True
    edit_masklets = []
    for number in range(2):
        masklet = masklet_create(video=video, user=team.manager, name=f"shared {number}")
        frame_masks_store(masklet=masklet, masks=[NewMask(f, maskcodec.encode(region), "propagated") for f in range(40)])
        edit_masklets.append(masklet.pk)
    world = World(base=live_server_url, video=video.pk, frame_count=40, width=video.width, height=video.height,
                  edit_masklets=edit_masklets, stats=Stats(), conflict_rate=0.5, think=0.3)
    annotators = [Annotator(i, token, masklet_create(video=video, user=people[i]).pk, world, seed=i)
                  for i, token in enumerate(tokens)]
    sockets = Sockets(live_server_url.replace("http://", "ws://"), video.pk, annotators, tokens)
    try:
        sockets.connect()
        for annotator in annotators:
            annotator.start()
        time.sleep(5)
        world.stop.set()
        assert all(annotator.join(120) for annotator in annotators)
        deadline = time.monotonic() + 15
        while sockets.delivered(world.edits)[2] and time.monotonic() < deadline:
            time.sleep(0.2)
        delivered, expected, _ = sockets.delivered(world.edits)
    finally:
        world.stop.set()
        sockets.close()
    stats = world.stats
    print(f"\n{stats.requests()} requests, {len(world.edits)} edits, conflicts {dict(world.conflicts)}, "
          f"events {delivered}/{expected}, {stats.summary()}")
    assert not [a.crashed for a in annotators if a.crashed]
    assert sum(stats.errors.values()) == 0 and not stats.unexpected, stats.samples
    assert stats.latency["put"] and stats.latency["frame"] and stats.latency["masks"], dict(stats.latency)
    assert world.edits and delivered == expected == len(world.edits) * (len(annotators) - 1)
    assert "missed" not in world.conflicts and "unresolved" not in world.conflicts, world.conflicts
    assert lost_edits(world) == (0, [])
    assert not sockets.dropped

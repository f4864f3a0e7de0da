"""The prompt services the inference bridge writes through (annotation/services/prompts.py):
storing a click's answer and withdrawing a click. The video of make_team() is 96x64 pixels."""

from __future__ import annotations

import pytest

from annotation.models import FrameMask, Prompt
from annotation.models.masklets import MaskSource
from annotation.services import masklets as masklet_services
from annotation.services.prompts import prompt_answer_store, prompt_record, prompt_withdraw
from tests.factories import make_team
from tests.platform.conftest import square_rle

pytestmark = pytest.mark.django_db


@pytest.fixture
def clicked() -> Prompt:
    team = make_team()
    masklet = masklet_services.masklet_create(video=team.video, user=team.annotator)
    return prompt_record(masklet=masklet, frame=2, user=team.annotator, points=[[20.0, 15.0]], labels=[1])


def test_answer_stores_the_mask_and_the_score(clicked: Prompt) -> None:
    stored = prompt_answer_store(prompt=clicked, rle=square_rle(), score=0.875)
    assert stored is not None
    assert (stored.frame, stored.source, stored.score, stored.version) == (2, MaskSource.PROMPT, 0.875, 1)
    assert stored.area == 144 and stored.updated_by == clicked.user
    assert Prompt.objects.get(pk=clicked.pk).score == 0.875


def test_answer_replaces_an_edit_on_its_frame(clicked: Prompt) -> None:
    """A click refines what is on the frame, a person's brush edit included."""
    masklet_services.frame_mask_put(
        masklet=clicked.masklet, frame=2, rle=square_rle(size=4), version=None, user=clicked.user
    )
    stored = prompt_answer_store(prompt=clicked, rle=square_rle(size=20), score=0.5)
    assert stored is not None and stored.version == 2 and stored.area == 400
    assert FrameMask.objects.get(masklet=clicked.masklet, frame=2).source == MaskSource.PROMPT


def test_answer_for_a_deleted_masklet_stores_nothing(clicked: Prompt) -> None:
    masklet_services.masklet_delete(masklet=clicked.masklet)
    assert prompt_answer_store(prompt=clicked, rle=square_rle(), score=0.9) is None
    assert not FrameMask.objects.filter(frame=2).exists()


def test_withdraw(clicked: Prompt) -> None:
    answered = prompt_record(masklet=clicked.masklet, frame=2, user=clicked.user, points=[[30.0, 15.0]], labels=[0])
    prompt_answer_store(prompt=answered, rle=square_rle(), score=0.7)
    prompt_withdraw(prompt_id=answered.pk, unanswered_only=True)  # it got its answer: it stays
    prompt_withdraw(prompt_id=clicked.pk, unanswered_only=True)  # no answer yet: withdrawn
    assert list(Prompt.objects.values_list("pk", flat=True)) == [answered.pk]
    prompt_withdraw(prompt_id=answered.pk)
    assert not Prompt.objects.exists()
    prompt_withdraw(prompt_id=answered.pk)  # already gone: nothing to do

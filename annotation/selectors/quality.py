"""Reads of the automated QA: a video's flags, the project's review queue sorted by risk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, IntegerField, QuerySet, Sum
from django.db.models.functions import Coalesce

from annotation.models import Masklet, Project, QAFlag, Video

if TYPE_CHECKING:
    from annotation.permissions import AnyUser


def flags_of_video(video: Video, masklet: int | None = None) -> QuerySet[QAFlag]:
    flags = QAFlag.objects.filter(video=video).select_related("masklet")
    if masklet is not None:
        flags = flags.filter(masklet_id=masklet)
    return flags.order_by("frame_start", "masklet__number", "kind")


def review_queue(
    user: AnyUser, project: Project, *, status: str | None = None, video: int | None = None
) -> list[dict[str, Any]]:
    """Masklets of the project with QA flags, riskiest first.

    Risk is the number of flagged annotated frames, summed over the masklet's flags (a frame
    flagged by two checks counts twice); ties go to the masklet with more flags, then the
    oldest. `status` and `video` narrow the queue.
    """
    masklets: QuerySet[Masklet] = Masklet.objects.filter(video__project=project, qa_flags__isnull=False)
    if status:
        masklets = masklets.filter(status=status)
    if video is not None:
        masklets = masklets.filter(video_id=video)
    rows = (
        masklets.values("pk", "number", "name", "status", "video_id", "video__name")
        .annotate(
            flag_count=Count("qa_flags"),
            risk=Coalesce(
                Sum(F("qa_flags__frame_end") - F("qa_flags__frame_start") + 1),
                0,
                output_field=IntegerField(),
            ),
        )
        .order_by("-risk", "-flag_count", "pk")
    )
    out = [dict(row) for row in rows]
    kinds: dict[int, set[str]] = {}
    for masklet_id, kind in QAFlag.objects.filter(masklet_id__in=[r["pk"] for r in out]).values_list(
        "masklet_id", "kind"
    ):
        kinds.setdefault(masklet_id, set()).add(kind)
    return [
        {
            "masklet": r["pk"],
            "number": r["number"],
            "name": r["name"],
            "status": r["status"],
            "video": r["video_id"],
            "video_name": r["video__name"],
            "flag_count": r["flag_count"],
            "risk": r["risk"],
            "kinds": sorted(kinds.get(r["pk"], ())),
        }
        for r in out
    ]

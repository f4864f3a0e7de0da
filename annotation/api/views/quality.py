"""Automated QA (flags, review queue, a QA run on demand), ground truth and quality reports."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.serializers import JobRef
from annotation.api.views.base import error_responses, parse, require
from annotation.api.views.videos import ANNOTATORS_ONLY
from annotation.models import GroundTruth
from annotation.models.masklets import MaskletStatus
from annotation.models.quality import QAFlagKind
from annotation.selectors import projects as project_selectors
from annotation.selectors import quality as quality_selectors
from annotation.selectors import videos as video_selectors
from annotation.services import ground_truth as gt_services
from annotation.services import quality as quality_services
from annotation.services.errors import InvalidInput


class QAFlagOut(serializers.Serializer):
    id = serializers.IntegerField()
    masklet = serializers.IntegerField(source="masklet_id")
    masklet_number = serializers.IntegerField(source="masklet.number")
    kind = serializers.ChoiceField(choices=QAFlagKind.choices)
    frame_start = serializers.IntegerField()
    frame_end = serializers.IntegerField()
    value = serializers.FloatField()
    other = serializers.IntegerField(source="other_id", allow_null=True)
    created = serializers.DateTimeField()


class ReviewQueueItemOut(serializers.Serializer):
    masklet = serializers.IntegerField()
    number = serializers.IntegerField()
    name = serializers.CharField()
    status = serializers.CharField()
    video = serializers.IntegerField()
    video_name = serializers.CharField()
    flag_count = serializers.IntegerField()
    risk = serializers.IntegerField(help_text="flagged annotated frames summed over the flags")
    kinds = serializers.ListField(child=serializers.CharField())


class GroundTruthIn(serializers.Serializer):
    masklets = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        allow_null=True,
        default=None,
        help_text="the ground-truth masklets; default: every masklet the video has now",
    )


class GroundTruthOut(serializers.Serializer):
    video = serializers.IntegerField()
    masklets = serializers.ListField(
        child=serializers.IntegerField(), help_text="empty: the video is not ground truth"
    )
    marked_by = serializers.IntegerField(allow_null=True)
    marked_at = serializers.DateTimeField(allow_null=True)


class QualitySummaryOut(serializers.Serializer):
    j = serializers.FloatField(allow_null=True)
    f = serializers.FloatField(allow_null=True)
    jf = serializers.FloatField(allow_null=True)
    objects = serializers.IntegerField(help_text="ground-truth objects scored")
    matched = serializers.IntegerField()
    missed = serializers.IntegerField()
    extra = serializers.IntegerField()


class QualityObjectOut(serializers.Serializer):
    ground_truth = serializers.IntegerField()
    matched = serializers.IntegerField(allow_null=True)
    j = serializers.FloatField(allow_null=True)
    f = serializers.FloatField(allow_null=True)
    jf = serializers.FloatField(allow_null=True)


class QualityAnnotatorOut(QualitySummaryOut):
    annotator = serializers.IntegerField(allow_null=True)
    annotator_name = serializers.CharField()


class QualityTaskOut(QualitySummaryOut):
    task = serializers.IntegerField()


class QualityGroupOut(QualitySummaryOut):
    video = serializers.IntegerField()
    annotator = serializers.IntegerField(allow_null=True)
    annotator_name = serializers.CharField()
    task = serializers.IntegerField(allow_null=True)
    frame_start = serializers.IntegerField()
    frame_end = serializers.IntegerField()
    objects_detail = QualityObjectOut(many=True)
    extra_masklets = serializers.ListField(child=serializers.IntegerField())


class QualityReportOut(serializers.Serializer):
    overall = QualitySummaryOut()
    annotators = QualityAnnotatorOut(many=True)
    tasks = QualityTaskOut(many=True)
    groups = QualityGroupOut(many=True)


def _int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        raise InvalidInput(f"{name} must be an integer id") from None


class VideoQAFlagsView(APIView):
    """GET: the video's QA flags (optionally `?masklet=`); POST: run its QA now (a cpu job)."""

    @extend_schema(
        parameters=[OpenApiParameter("masklet", int, required=False)],
        responses={200: QAFlagOut(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        flags = quality_selectors.flags_of_video(video, _int_param(request, "masklet"))
        return Response(QAFlagOut(flags, many=True).data)

    @extend_schema(request=None, responses={202: JobRef, **error_responses(403, 404)})
    def post(self, request: Request, pk: int) -> Response:
        """Queue a QA run (or answer the one already queued)."""
        video = video_selectors.video_get(request.user, pk)
        require(policy.can_annotate(request.user, video), ANNOTATORS_ONLY)
        job = quality_services.qa_schedule(video=video, user=request.user)
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)


class ReviewQueueView(APIView):
    """Masklets of the project with QA flags, riskiest first."""

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, required=False, enum=MaskletStatus.values),
            OpenApiParameter("video", int, required=False),
        ],
        responses={200: ReviewQueueItemOut(many=True), **error_responses(400, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        wanted = request.query_params.get("status") or None
        if wanted is not None and wanted not in MaskletStatus.values:
            raise InvalidInput(f"status must be one of {', '.join(MaskletStatus.values)}")
        queue = quality_selectors.review_queue(
            request.user, project, status=wanted, video=_int_param(request, "video")
        )
        return Response(ReviewQueueItemOut(queue, many=True).data)


def _truth_out(truth: object) -> dict:
    return {
        "video": truth.video_id,  # type: ignore[attr-defined]
        "masklets": sorted(truth.masklets.values_list("pk", flat=True)),  # type: ignore[attr-defined]
        "marked_by": truth.marked_by_id,  # type: ignore[attr-defined]
        "marked_at": truth.marked_at,  # type: ignore[attr-defined]
    }


class GroundTruthView(APIView):
    """A video's ground-truth mark: GET (members), PUT to mark or re-mark, DELETE (managers)."""

    @extend_schema(responses={200: GroundTruthOut, **error_responses(404)})
    def get(self, request: Request, pk: int) -> Response:
        """The ground-truth masklets; an empty list when the video is not ground truth."""
        video = video_selectors.video_get(request.user, pk)
        truth = GroundTruth.objects.filter(video=video).first()
        if truth is None:
            empty = {"video": video.pk, "masklets": [], "marked_by": None, "marked_at": None}
            return Response(GroundTruthOut(empty).data)
        return Response(GroundTruthOut(_truth_out(truth)).data)

    @extend_schema(request=GroundTruthIn, responses={200: GroundTruthOut, **error_responses(400, 403, 404)})
    def put(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        require(policy.can_manage(request.user, video.project_id), "Only managers can mark ground truth.")
        truth = gt_services.ground_truth_mark(video=video, user=request.user, **parse(GroundTruthIn, request))
        return Response(GroundTruthOut(_truth_out(truth)).data)

    @extend_schema(responses={204: None, **error_responses(403, 404)})
    def delete(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        require(policy.can_manage(request.user, video.project_id), "Only managers can unmark ground truth.")
        gt_services.ground_truth_unmark(video=video)
        return Response(status=status.HTTP_204_NO_CONTENT)


class QualityReportView(APIView):
    """J&F of annotators' masklets against the project's ground-truth videos (managers and
    reviewers), per group, annotator, task and overall; `?annotator=`, `?task=`, `?video=` narrow it."""

    @extend_schema(
        parameters=[
            OpenApiParameter("annotator", int, required=False),
            OpenApiParameter("task", int, required=False),
            OpenApiParameter("video", int, required=False),
        ],
        responses={200: QualityReportOut, **error_responses(400, 403, 404)},
    )
    def get(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_review(request.user, project), "Only managers and reviewers see quality reports.")
        report = gt_services.quality_report(
            project=project,
            annotator=_int_param(request, "annotator"),
            task=_int_param(request, "task"),
            video=_int_param(request, "video"),
        )
        return Response(QualityReportOut(report).data)

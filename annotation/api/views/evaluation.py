"""J&F comparison of two sets of masklets of a video; any member of the project."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.views.base import parse, require
from annotation.selectors import videos as video_selectors
from annotation.services import evaluation as evaluation_services


class EvaluationIn(serializers.Serializer):
    reference = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    candidate = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    pairs = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        required=False,
        default=None,
        allow_null=True,
    )


class EvaluationPairOut(serializers.Serializer):
    reference = serializers.IntegerField()
    candidate = serializers.IntegerField()
    reference_number = serializers.IntegerField()
    candidate_number = serializers.IntegerField()
    j = serializers.FloatField()
    f = serializers.FloatField()
    jf = serializers.FloatField()
    frames = serializers.IntegerField()


class EvaluationOut(serializers.Serializer):
    video = serializers.IntegerField()
    frames = serializers.IntegerField()
    pairs = EvaluationPairOut(many=True)
    j = serializers.FloatField()
    f = serializers.FloatField()
    jf = serializers.FloatField()


class EvaluationView(APIView):
    """POST {"reference": [masklet ids], "candidate": [masklet ids], "pairs": [[ref, cand], ...]}
    → J, F and J&F (x100) per pair over every annotated frame, and their means."""

    @extend_schema(request=EvaluationIn, responses={200: EvaluationOut})
    def post(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        require(
            policy.is_member(request.user, video.project_id),
            "Only members of the project can evaluate masklets.",
        )
        result = evaluation_services.evaluation_run(video=video, **parse(EvaluationIn, request))
        return Response(result)

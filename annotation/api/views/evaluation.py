"""J&F comparison of two sets of masklets of a video; any member of the project."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.views.base import parse, require
from annotation.evaluation import jf
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
    protocol = serializers.ChoiceField(
        choices=list(jf.PROTOCOLS),
        default=jf.SAV,
        help_text="sav (default): the official SA-V evaluator's rules, each pair scored from the "
        "first frame where either masklet has a mask; all-objects: every frame of the video",
    )


class EvaluationPairOut(serializers.Serializer):
    reference = serializers.IntegerField()
    candidate = serializers.IntegerField()
    reference_number = serializers.IntegerField()
    candidate_number = serializers.IntegerField()
    j = serializers.FloatField(allow_null=True)
    f = serializers.FloatField(allow_null=True)
    jf = serializers.FloatField(allow_null=True)
    frames = serializers.IntegerField()


class EvaluationOut(serializers.Serializer):
    video = serializers.IntegerField()
    protocol = serializers.CharField()
    frames = serializers.IntegerField()
    pairs = EvaluationPairOut(many=True)
    j = serializers.FloatField(allow_null=True)
    f = serializers.FloatField(allow_null=True)
    jf = serializers.FloatField(allow_null=True)


class EvaluationView(APIView):
    """POST {"reference": [masklet ids], "candidate": [masklet ids], "pairs": [[ref, cand], ...]}
    → J, F and J&F (x100) per pair over the video's frames, and their means (protocol "sav" by
    default: the official SA-V evaluator's; "all-objects" scores every frame)."""

    @extend_schema(request=EvaluationIn, responses={200: EvaluationOut})
    def post(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        require(
            policy.is_member(request.user, video.project_id),
            "Only members of the project can evaluate masklets.",
        )
        result = evaluation_services.evaluation_run(video=video, **parse(EvaluationIn, request))
        return Response(result)

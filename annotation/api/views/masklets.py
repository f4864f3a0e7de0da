"""Masklets, their masks (read, brush/eraser edits) and interactive prompts."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.serializers import (
    MaskConflictOut,
    MaskletOut,
    MaskletPatch,
    MaskOut,
    MaskPut,
    PromptAnswerOut,
    PromptIn,
)
from annotation.api.views.base import parse, require, require_frames
from annotation.api.views.videos import ANNOTATORS_ONLY, _int_param
from annotation.selectors import masklets as masklet_selectors
from annotation.services import inference as inference_services
from annotation.services import masklets as masklet_services


class MaskletDetailView(APIView):
    @extend_schema(responses={200: MaskletOut})
    def get(self, request: Request, pk: int) -> Response:
        return Response(MaskletOut(masklet_selectors.masklet_get(request.user, pk)).data)

    @extend_schema(request=MaskletPatch, responses={200: MaskletOut})
    def patch(self, request: Request, pk: int) -> Response:
        masklet = masklet_selectors.masklet_get(request.user, pk)
        data = parse(MaskletPatch, request, partial=True)
        new_status = data.pop("status", None)
        comment = data.pop("comment", "")
        if new_status is not None:
            require(
                policy.can_set_masklet_status(request.user, masklet.video, new_status),
                "Only reviewers and managers verify or reject masklets."
                if new_status in ("verified", "rejected")
                else ANNOTATORS_ONLY,
            )
            masklet = masklet_services.masklet_set_status(masklet=masklet, status=new_status, user=request.user, comment=comment)
        if data:
            require(policy.can_annotate(request.user, masklet.video), ANNOTATORS_ONLY)
            masklet = masklet_services.masklet_update(masklet=masklet, **data)
        return Response(MaskletOut(masklet).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        masklet = masklet_selectors.masklet_get(request.user, pk)
        require(policy.can_annotate(request.user, masklet.video), ANNOTATORS_ONLY)
        # Deleting a masklet deletes its masks on every frame: all must lie in the user's tasks.
        require_frames(request.user, masklet.video, masklet_selectors.mask_frames(masklet))
        masklet_services.masklet_delete(masklet=masklet)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MaskListView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("start", int), OpenApiParameter("end", int)], responses={200: MaskOut(many=True)}
    )
    def get(self, request: Request, pk: int) -> Response:
        masklet = masklet_selectors.masklet_get(request.user, pk)
        masks = masklet_selectors.masks_in_range(masklet, _int_param(request, "start"), _int_param(request, "end"))
        return Response(MaskOut(masks, many=True).data)


class MaskDetailView(APIView):
    @extend_schema(request=MaskPut, responses={200: MaskOut, 409: MaskConflictOut})
    def put(self, request: Request, pk: int, frame: int) -> Response:
        masklet = masklet_selectors.masklet_get(request.user, pk)
        require(policy.can_annotate(request.user, masklet.video), ANNOTATORS_ONLY)
        require_frames(request.user, masklet.video, [frame])
        data = parse(MaskPut, request)
        mask = masklet_services.frame_mask_put(
            masklet=masklet, frame=frame, rle=data["rle"], version=data["version"], user=request.user
        )
        return Response(MaskOut(mask).data)


class PromptView(APIView):
    """A click or a box on a frame; answers synchronously with that frame's mask."""

    @extend_schema(request=PromptIn, responses={200: PromptAnswerOut})
    def post(self, request: Request, pk: int) -> Response:
        masklet = masklet_selectors.masklet_get(request.user, pk)
        require(policy.can_annotate(request.user, masklet.video), ANNOTATORS_ONLY)
        data = parse(PromptIn, request)
        require_frames(request.user, masklet.video, [data["frame"]])
        answer = inference_services.masklet_prompt(masklet=masklet, user=request.user, **data)
        return Response(PromptAnswerOut(answer).data)

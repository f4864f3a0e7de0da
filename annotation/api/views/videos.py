"""Videos: upload, metadata, frames, timeline, masklets of a video, jobs started on a video."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.serializers import (
    AutomaskletsIn,
    ConceptIn,
    ImportIn,
    IssueIn,
    IssueOut,
    JobOut,
    JobRef,
    MaskletIn,
    MaskletOut,
    MaskOut,
    PropagationIn,
    TimelineOut,
    VideoOut,
    VideoUploadIn,
)
from annotation.api.upload_hash import ContentHashUploadHandler, hash_uploads
from annotation.api.views.base import parse, require, require_frames
from annotation.selectors import jobs as job_selectors
from annotation.selectors import masklets as masklet_selectors
from annotation.selectors import projects as project_selectors
from annotation.selectors import review as review_selectors
from annotation.selectors import videos as video_selectors
from annotation.selectors.projects import project_settings
from annotation.services import imports as import_services
from annotation.services import jobs as job_services
from annotation.services import masklets as masklet_services
from annotation.services import review as review_services
from annotation.services import videos as video_services
from annotation.services.errors import InvalidInput

log = logging.getLogger(__name__)

ANNOTATORS_ONLY = "Only the video's assigned annotators and the project's managers can do this."


# Room for the multipart boundaries, part headers and the name field around an uploaded file.
UPLOAD_ENVELOPE_BYTES = 64 * 1024


def _int_header(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _int_param(request: Request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise InvalidInput(f"{name} must be a whole number") from None


class ProjectVideoListView(APIView):
    parser_classes = [MultiPartParser, FormParser]
    upload_hashes: ContentHashUploadHandler | None = None

    def initialize_request(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Request:
        # Before authentication: a session's CSRF check may read the form, which parses the body.
        if request.method == "POST":
            self.upload_hashes = hash_uploads(request)
        return super().initialize_request(request, *args, **kwargs)

    @extend_schema(responses={200: VideoOut(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        return Response(VideoOut(video_selectors.videos_of(request.user, project), many=True).data)

    @extend_schema(request={"multipart/form-data": VideoUploadIn}, responses={201: VideoOut})
    def post(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), "Only the project's managers can upload videos.")
        # Refuse an oversized upload from its declared length, before the body is parsed; the
        # service checks the file's own size again (the multipart envelope is a little bigger).
        # Parsing the body hashes the file as it goes (upload_hash): a file the project already
        # holds answers 409 before anything is stored or queued.
        declared = _int_header(request.META.get("CONTENT_LENGTH"))
        if declared is not None and declared > UPLOAD_ENVELOPE_BYTES:
            too_large = video_services.upload_too_large(declared - UPLOAD_ENVELOPE_BYTES)
            if too_large:
                raise InvalidInput(too_large)
        data = parse(VideoUploadIn, request)
        content_hash = self.upload_hashes.sha256.get("file") if self.upload_hashes else None
        if content_hash is None:  # the body was parsed before the handler was in place
            log.warning("upload to project %s was not hashed while received; reading it again", project.pk)
        video, _ = video_services.video_upload(
            project=project, user=request.user, upload=data["file"], name=data.get("name") or data["file"].name,
            content_hash=content_hash,
        )
        # Read back through the selector: the answer carries the ingest job and its queue position.
        body = VideoOut(video_selectors.video_get(request.user, video.pk)).data
        return Response(body, status=status.HTTP_201_CREATED)


class VideoDetailView(APIView):
    @extend_schema(responses={200: VideoOut})
    def get(self, request: Request, pk: int) -> Response:
        return Response(VideoOut(video_selectors.video_get(request.user, pk)).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        require(policy.can_manage(request.user, video.project_id), "Only the project's managers can delete videos.")
        video_services.video_delete(video=video)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _serve_image(request: Request, name: str, etag_seed: str) -> HttpResponse:
    """A stored JPEG with a strong ETag; 304 when the client already holds it.

    Frames never change once ingested (a re-ingest is a new video), so browsers may keep them for
    a year; `private` because only project members may see them.
    """
    etag = '"' + hashlib.sha1(etag_seed.encode()).hexdigest() + '"'
    known = parse_etags(request.headers.get("If-None-Match", ""))
    if "*" in known or etag in known or f"W/{etag}" in known:
        response: HttpResponse = HttpResponseNotModified()
    else:
        try:
            handle = default_storage.open(name, "rb")
        except (FileNotFoundError, OSError):
            raise Http404("the image is missing from storage") from None
        response = FileResponse(handle, content_type="image/jpeg")
    response["ETag"] = etag
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    return response


class FrameView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("size", str, enum=["display", "full"], description="display (default) or full")],
        responses={(200, "image/jpeg"): bytes, 304: None},
    )
    def get(self, request: Request, pk: int, index: int) -> HttpResponse:
        video = video_selectors.video_get(request.user, pk)
        size = request.query_params.get("size") or "display"
        if size not in ("display", "full"):
            raise InvalidInput("size must be display or full")
        if not video.is_ready:
            raise Http404(f"the video has no frames ({video.status})")
        if not 0 <= index < video.frame_count:
            raise Http404(f"no frame {index}: the video has frames 0 to {video.frame_count - 1}")
        full = size == "full"
        return _serve_image(request, video.frame_path(index, full=full), f"{video.pk}:{video.content_hash}:{index}:{size}")


class ThumbnailView(APIView):
    @extend_schema(responses={(200, "image/jpeg"): bytes, 304: None})
    def get(self, request: Request, pk: int) -> HttpResponse:
        video = video_selectors.video_get(request.user, pk)
        if not video.is_ready:
            raise Http404(f"the video has no thumbnail ({video.status})")
        return _serve_image(request, video.thumbnail_path, f"{video.pk}:{video.content_hash}:thumb")


class VideoMaskletListView(APIView):
    @extend_schema(responses={200: MaskletOut(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        return Response(MaskletOut(masklet_selectors.masklets_of(video), many=True).data)

    @extend_schema(request=MaskletIn, responses={201: MaskletOut})
    def post(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        require(policy.can_annotate(request.user, video), ANNOTATORS_ONLY)
        masklet = masklet_services.masklet_create(video=video, user=request.user, **parse(MaskletIn, request))
        return Response(MaskletOut(masklet).data, status=status.HTTP_201_CREATED)


class VideoMasksView(APIView):
    """Masks of every masklet of the video in a frame window (end inclusive)."""

    @extend_schema(
        parameters=[OpenApiParameter("start", int), OpenApiParameter("end", int)], responses={200: MaskOut(many=True)}
    )
    def get(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        # rows read straight into MaskOut's shape (a serializer per mask made this the slowest
        # request of the workspace's first paint at 200 masklets)
        return Response(masklet_selectors.mask_rows_in_range(masklet_selectors.masklets_of(video), _int_param(request, "start"), _int_param(request, "end")))


class TimelineView(APIView):
    @extend_schema(responses={200: TimelineOut})
    def get(self, request: Request, pk: int) -> Response:
        timeline = video_selectors.timeline_of(video_selectors.video_get(request.user, pk))
        return Response(TimelineOut(timeline).data)


class VideoJobListView(APIView):
    @extend_schema(responses={200: JobOut(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        return Response(JobOut(job_selectors.jobs_of_video(request.user, video), many=True).data)


class PropagationView(APIView):
    @extend_schema(request=PropagationIn, responses={202: JobRef})
    def post(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        require(policy.can_annotate(request.user, video), ANNOTATORS_ONLY)
        data = parse(PropagationIn, request)
        # An annotator's propagation starts inside one of their tasks and stops at its edges.
        require_frames(request.user, video, [data["start_frame"]])
        bounds = policy.frame_bounds(request.user, video, data["start_frame"])
        job = video_services.propagation_start(video=video, user=request.user, frame_bounds=bounds, **data)
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)


class AutomaskletsView(APIView):
    @extend_schema(request=AutomaskletsIn, responses={202: JobRef})
    def post(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        require(policy.can_annotate(request.user, video), ANNOTATORS_ONLY)
        params = parse(AutomaskletsIn, request)
        # An annotator's proposals are made on a frame of their tasks and propagated within it.
        key_frame = params.get("key_frame", project_settings(video.project).automask.key_frame)
        require_frames(request.user, video, [key_frame])
        bounds = policy.frame_bounds(request.user, video, key_frame)
        job = video_services.automasklets_start(video=video, user=request.user, params=params, frame_bounds=bounds)
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)


class ConceptsView(APIView):
    """A concept prompt (text): proposals of every instance in a frame range, as a concept job."""

    @extend_schema(request=ConceptIn, responses={201: JobOut})
    def post(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        require(policy.can_annotate(request.user, video), ANNOTATORS_ONLY)
        data = parse(ConceptIn, request)
        first = data["first_frame"] if data["first_frame"] is not None else 0
        last = data["last_frame"] if data["last_frame"] is not None else max(0, video.frame_count - 1)
        # An annotator's proposals stay within one of their tasks' frame ranges (as automatic masklets).
        require_frames(request.user, video, [first, last])
        bounds = policy.frame_bounds(request.user, video, first)
        if bounds is not None and last > bounds[1]:
            raise PermissionDenied(f"frames {first} to {last} go beyond your task's frames {bounds[0]} to {bounds[1]}")
        job = video_services.concept_start(
            video=video, user=request.user, text=data["text"], label=data["label"], first_frame=first,
            last_frame=last, role=data["role"],
        )
        return Response(JobOut(job_selectors.job_get(request.user, job.pk)).data, status=status.HTTP_201_CREATED)


class ImportView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request={"multipart/form-data": ImportIn}, responses={202: JobRef})
    def post(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        require(policy.can_manage(request.user, video.project_id), "Only the project's managers can import annotations.")
        data = parse(ImportIn, request)
        job = import_services.import_start(video=video, user=request.user, upload=data["file"], fmt=data["format"])
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)


class VideoIssueListView(APIView):
    @extend_schema(responses={200: IssueOut(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        return Response(IssueOut(review_selectors.issues_of(video), many=True).data)

    @extend_schema(request=IssueIn, responses={201: IssueOut})
    def post(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        require(policy.can_review(request.user, video.project_id), "Only reviewers and managers file review issues.")
        issue = review_services.issue_create(video=video, user=request.user, **parse(IssueIn, request))
        return Response(IssueOut(review_selectors.issue_detail(issue)).data, status=status.HTTP_201_CREATED)


class JobDetailView(APIView):
    @extend_schema(responses={200: JobOut})
    def get(self, request: Request, pk: int) -> Response:
        return Response(JobOut(job_selectors.job_get(request.user, pk)).data)


class JobCancelView(APIView):
    @extend_schema(request=None, responses={200: JobOut})
    def post(self, request: Request, pk: int) -> Response:
        job = job_selectors.job_get(request.user, pk)
        require(policy.can_cancel_job(request.user, job), "Only the job's author and the project's managers can cancel it.")
        return Response(JobOut(job_services.job_cancel(job=job)).data)

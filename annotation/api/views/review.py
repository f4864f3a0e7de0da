"""Review issues and their comments; exports."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.serializers import CommentIn, ExportIn, IssueOut, IssuePatch, JobRef
from annotation.api.views.base import parse, require
from annotation.selectors import jobs as job_selectors
from annotation.selectors import projects as project_selectors
from annotation.selectors import review as review_selectors
from annotation.services import exports as export_services
from annotation.services import review as review_services


class IssueDetailView(APIView):
    @extend_schema(request=IssuePatch, responses={200: IssueOut})
    def patch(self, request: Request, pk: int) -> Response:
        issue = review_selectors.issue_get(request.user, pk)
        require(policy.can_resolve_issue(request.user, issue), "You cannot change review issues of this video.")
        data = parse(IssuePatch, request, partial=True)
        if "text" in data:
            require(policy.can_edit_issue_text(request.user, issue), "Only the issue's author can change its text.")
        review_services.issue_update(issue=issue, user=request.user, **data)
        return Response(IssueOut(review_selectors.issue_detail(issue)).data)


class IssueCommentView(APIView):
    @extend_schema(request=CommentIn, responses={201: IssueOut})
    def post(self, request: Request, pk: int) -> Response:
        issue = review_selectors.issue_get(request.user, pk)
        require(policy.can_comment(request.user, issue.video), "You cannot comment on review issues of this video.")
        review_services.comment_add(issue=issue, user=request.user, **parse(CommentIn, request))
        return Response(IssueOut(review_selectors.issue_detail(issue)).data, status=status.HTTP_201_CREATED)


class ExportView(APIView):
    @extend_schema(request=ExportIn, responses={202: JobRef})
    def post(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), "Only the project's managers can export.")
        job = export_services.export_start(project=project, user=request.user, **parse(ExportIn, request))
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)


class ExportDownloadView(APIView):
    """The file an export job wrote; members of the project only."""

    @extend_schema(responses={(200, "application/zip"): bytes})
    def get(self, request: Request, pk: int) -> FileResponse:
        name = job_selectors.export_file_name(job_selectors.job_get(request.user, pk))
        if name is None:
            raise Http404("this job has no finished export")
        try:
            handle = default_storage.open(name, "rb")
        except OSError:
            raise Http404("the export file is gone") from None
        return FileResponse(handle, as_attachment=True, filename=name.rsplit("/", 1)[-1])

"""Exports (start one, list past ones, download the file) and project webhooks with their delivery log."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.delivery_serializers import (
    ExportIn,
    ExportOut,
    WebhookCreatedOut,
    WebhookDeliveryOut,
    WebhookIn,
    WebhookOut,
)
from annotation.api.serializers import JobRef
from annotation.api.views.base import error_responses, parse, require
from annotation.selectors import exports as export_selectors
from annotation.selectors import jobs as job_selectors
from annotation.selectors import projects as project_selectors
from annotation.services import exports as export_services
from annotation.services import webhooks as webhook_services


class Gone(APIException):
    status_code = status.HTTP_410_GONE
    default_detail = "The export file has expired."
    default_code = "gone"


class ExportView(APIView):
    @extend_schema(responses={200: ExportOut(many=True), **error_responses(403, 404)})
    def get(self, request: Request, pk: int) -> Response:
        """Past exports of the project, newest first (who, when, format, filters, size, expiry)."""
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), "Only the project's managers see its exports.")
        return Response(ExportOut(export_selectors.exports_of_project(project), many=True).data)

    @extend_schema(request=ExportIn, responses={202: JobRef, **error_responses(400, 403, 404)})
    def post(self, request: Request, pk: int) -> Response:
        """Start an export: what the project's delivery policy accepts, narrowed by the filters."""
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), "Only the project's managers can export.")
        job = export_services.export_start(project=project, user=request.user, **parse(ExportIn, request))
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)


class ExportDownloadView(APIView):
    """The file an export job wrote; members of the project only. 410 once the file expired."""

    @extend_schema(responses={(200, "application/zip"): bytes, **error_responses(404, 410)})
    def get(self, request: Request, pk: int) -> FileResponse:
        job = job_selectors.job_get(request.user, pk)
        record = export_selectors.export_of_job(job.pk)
        if record is not None and record.expired_at is not None:
            raise Gone(f"the export file expired on {record.expired_at:%Y-%m-%d %H:%M} UTC; export again")
        name = job_selectors.export_file_name(job)
        if name is None:
            raise Http404("this job has no finished export")
        try:
            handle = default_storage.open(name, "rb")
        except OSError:
            raise Http404("the export file is gone") from None
        return FileResponse(handle, as_attachment=True, filename=name.rsplit("/", 1)[-1])


class WebhookListView(APIView):
    @extend_schema(responses={200: WebhookOut(many=True), **error_responses(403, 404)})
    def get(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), "Only the project's managers manage webhooks.")
        return Response(WebhookOut(export_selectors.webhooks_of_project(project), many=True).data)

    @extend_schema(request=WebhookIn, responses={201: WebhookCreatedOut, **error_responses(400, 403, 404)})
    def post(self, request: Request, pk: int) -> Response:
        """Register a webhook; the answer holds its signing secret, shown this once."""
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), "Only the project's managers manage webhooks.")
        hook = webhook_services.webhook_create(project=project, user=request.user, **parse(WebhookIn, request))
        return Response(WebhookCreatedOut(hook).data, status=status.HTTP_201_CREATED)


class WebhookDetailView(APIView):
    @extend_schema(request=WebhookIn, responses={200: WebhookOut, **error_responses(400, 404)})
    def patch(self, request: Request, pk: int) -> Response:
        hook = export_selectors.webhook_get(request.user, pk)
        hook = webhook_services.webhook_update(webhook=hook, **parse(WebhookIn, request, partial=True))
        return Response(WebhookOut(hook).data)

    @extend_schema(responses={204: None, **error_responses(404)})
    def delete(self, request: Request, pk: int) -> Response:
        webhook_services.webhook_delete(webhook=export_selectors.webhook_get(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookDeliveryListView(APIView):
    @extend_schema(responses={200: WebhookDeliveryOut(many=True), **error_responses(404)})
    def get(self, request: Request, pk: int) -> Response:
        """The webhook's delivery log, newest first: status code, attempts, last error."""
        hook = export_selectors.webhook_get(request.user, pk)
        return Response(WebhookDeliveryOut(export_selectors.deliveries_of_webhook(hook), many=True).data)

"""Effort analytics (managers: the project; everyone else: their own work) and the activity heartbeat."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.analytics_serializers import ActivityIn, EffortOut, EffortQuery, EffortRowOut
from annotation.api.views.base import parse
from annotation.selectors import analytics as analytics_selectors
from annotation.selectors import projects as project_selectors
from annotation.selectors import videos as video_selectors
from annotation.services import interactions as interaction_services

CSV_COLUMNS = list(EffortRowOut().fields)


def _report(request: Request, pk: int) -> tuple[str, str, list[analytics_selectors.EffortRow]]:
    project = project_selectors.project_get(request.user, pk)
    query = EffortQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    group = query.validated_data["group"]
    rows = analytics_selectors.effort_report(
        request.user, project, group=group, since=query.validated_data["since"], until=query.validated_data["until"]
    )
    scope = "project" if policy.can_manage(request.user, project) else "own"
    return group, scope, rows


class EffortView(APIView):
    @extend_schema(parameters=[EffortQuery], responses={200: EffortOut})
    def get(self, request: Request, pk: int) -> Response:
        group, scope, rows = _report(request, pk)
        return Response(EffortOut({"group": group, "scope": scope, "rows": [row.as_dict() for row in rows]}).data)


class EffortCsvView(APIView):
    """The same rows as a CSV file, one line per group, the columns of the JSON rows."""

    @extend_schema(parameters=[EffortQuery], responses={(200, "text/csv"): str})
    def get(self, request: Request, pk: int) -> HttpResponse:
        group, _scope, rows = _report(request, pk)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row.as_dict())
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="effort-project-{pk}-{group}.csv"'
        return response


class ActivityView(APIView):
    """The workspace's heartbeat while someone looks at frames without clicking (active time)."""

    @extend_schema(request=ActivityIn, responses={204: None})
    def post(self, request: Request, pk: int) -> Response:
        video = video_selectors.video_get(request.user, pk)
        interaction_services.activity_record(user=request.user, video=video, **parse(ActivityIn, request))
        return Response(status=status.HTTP_204_NO_CONTENT)

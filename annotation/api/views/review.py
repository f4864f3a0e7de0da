"""Review issues and their comments."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.serializers import CommentIn, IssueOut, IssuePatch
from annotation.api.views.base import parse, require
from annotation.selectors import review as review_selectors
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

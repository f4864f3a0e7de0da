"""Projects, members, labels and tasks."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotation import permissions as policy
from annotation.api.serializers import (
    LabelIn,
    LabelOut,
    LabelPatch,
    MemberIn,
    MemberOut,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    TaskActivityOut,
    TaskCommentIn,
    TaskIn,
    TaskOut,
    TaskPatch,
    TransitionIn,
)
from annotation.api.views.base import error_responses, parse, require
from annotation.selectors import projects as project_selectors
from annotation.selectors import tasks as task_selectors
from annotation.selectors import users as user_selectors
from annotation.selectors import videos as video_selectors
from annotation.services import projects as project_services
from annotation.services import tasks as task_services
from annotation.services.errors import InvalidInput

MANAGERS_ONLY = "Only the project's managers can do this."


class ProjectListView(APIView):
    @extend_schema(responses={200: ProjectOut(many=True)})
    def get(self, request: Request) -> Response:
        return Response(ProjectOut(project_selectors.projects_for(request.user), many=True).data)

    @extend_schema(request=ProjectIn, responses={201: ProjectOut})
    def post(self, request: Request) -> Response:
        project = project_services.project_create(user=request.user, **parse(ProjectIn, request))
        project = project_selectors.project_get(request.user, project.pk)
        return Response(ProjectOut(project).data, status=status.HTTP_201_CREATED)


class ProjectDetailView(APIView):
    @extend_schema(responses={200: ProjectOut})
    def get(self, request: Request, pk: int) -> Response:
        return Response(ProjectOut(project_selectors.project_get(request.user, pk)).data)

    @extend_schema(request=ProjectPatch, responses={200: ProjectOut})
    def patch(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), MANAGERS_ONLY)
        project_services.project_update(project=project, **parse(ProjectPatch, request, partial=True))
        return Response(ProjectOut(project_selectors.project_get(request.user, pk)).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), MANAGERS_ONLY)
        project_services.project_delete(project=project)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MemberListView(APIView):
    @extend_schema(responses={200: MemberOut(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        return Response(MemberOut(project_selectors.memberships_of(project), many=True).data)

    @extend_schema(request=MemberIn, responses={201: MemberOut})
    def post(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), MANAGERS_ONLY)
        data = parse(MemberIn, request)
        if isinstance(data["user"], int) and not user_selectors.user_known_to(request.user, data["user"]):
            # Ids of people outside your projects answer as ids nobody has: counting through ids
            # would list every username (README, "Security"). An exact username still adds anyone.
            raise InvalidInput(f"there is no user {data['user']!r}")
        membership = project_services.membership_add(project=project, **data)
        return Response(MemberOut(membership).data, status=status.HTTP_201_CREATED)


class MemberDetailView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int, membership_id: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), MANAGERS_ONLY)
        project_services.membership_remove(project=project, membership_id=membership_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class LabelListView(APIView):
    @extend_schema(responses={200: LabelOut(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        return Response(LabelOut(project_selectors.labels_of(project), many=True).data)

    @extend_schema(request=LabelIn, responses={201: LabelOut})
    def post(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), MANAGERS_ONLY)
        label = project_services.label_create(project=project, **parse(LabelIn, request))
        return Response(LabelOut(label).data, status=status.HTTP_201_CREATED)


class LabelDetailView(APIView):
    @extend_schema(request=LabelPatch, responses={200: LabelOut})
    def patch(self, request: Request, pk: int) -> Response:
        label = project_selectors.label_get(request.user, pk)
        require(policy.can_manage(request.user, label.project), MANAGERS_ONLY)
        label = project_services.label_update(label=label, **parse(LabelPatch, request, partial=True))
        return Response(LabelOut(label).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        label = project_selectors.label_get(request.user, pk)
        require(policy.can_manage(request.user, label.project), MANAGERS_ONLY)
        project_services.label_delete(label=label)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProjectTaskListView(APIView):
    @extend_schema(responses={200: TaskOut(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        return Response(TaskOut(task_selectors.tasks_of(request.user, project), many=True).data)

    @extend_schema(request=TaskIn, responses={201: TaskOut})
    def post(self, request: Request, pk: int) -> Response:
        project = project_selectors.project_get(request.user, pk)
        require(policy.can_manage(request.user, project), MANAGERS_ONLY)
        data = parse(TaskIn, request)
        video = video_selectors.video_in_project(request.user, project, data.pop("video"))
        if video is None:
            raise InvalidInput("the video is not in this project")
        task = task_services.task_create(project=project, video=video, **data)
        return Response(TaskOut(task_selectors.task_get(request.user, task.pk)).data, status=status.HTTP_201_CREATED)


class TaskListView(APIView):
    """Tasks visible to the user; `?mine=1` gives the user's own queue (assignee or reviewer)."""

    @extend_schema(responses={200: TaskOut(many=True)})
    def get(self, request: Request) -> Response:
        mine = request.query_params.get("mine") in ("1", "true", "yes")
        tasks = task_selectors.my_tasks(request.user) if mine else task_selectors.tasks_for(request.user)
        return Response(TaskOut(tasks, many=True).data)


class TaskDetailView(APIView):
    @extend_schema(responses={200: TaskOut})
    def get(self, request: Request, pk: int) -> Response:
        return Response(TaskOut(task_selectors.task_get(request.user, pk)).data)

    @extend_schema(request=TaskPatch, responses={200: TaskOut})
    def patch(self, request: Request, pk: int) -> Response:
        task = task_selectors.task_get(request.user, pk)
        require(policy.can_manage(request.user, task.project_id), MANAGERS_ONLY)
        task_services.task_update(task=task, **parse(TaskPatch, request, partial=True))
        return Response(TaskOut(task_selectors.task_get(request.user, pk)).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        task = task_selectors.task_get(request.user, pk)
        require(policy.can_manage(request.user, task.project_id), MANAGERS_ONLY)
        task_services.task_delete(task=task)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TaskTransitionView(APIView):
    @extend_schema(request=TransitionIn, responses={200: TaskOut})
    def post(self, request: Request, pk: int) -> Response:
        task = task_selectors.task_get(request.user, pk)
        data = parse(TransitionIn, request)
        require(
            policy.can_transition_task(request.user, task, data["action"]),
            "Only the assignee starts and submits a task; only a reviewer accepts or rejects it.",
        )
        task_services.task_transition(task=task, user=request.user, **data)
        return Response(TaskOut(task_selectors.task_get(request.user, pk)).data)


TASK_MEMBERS_ONLY = "Only the task's assignee, its reviewer and the project's managers take part in its conversation."


class TaskActivityView(APIView):
    """The task's activity feed: creation, state changes (with the reviewer's comments) and messages."""

    @extend_schema(responses={200: TaskActivityOut(many=True), **error_responses(403, 404)})
    def get(self, request: Request, pk: int) -> Response:
        task = task_selectors.task_get(request.user, pk)
        require(policy.can_discuss_task(request.user, task), TASK_MEMBERS_ONLY)
        return Response(TaskActivityOut(task_selectors.task_activity(task), many=True).data)

    @extend_schema(request=TaskCommentIn, responses={201: TaskActivityOut(many=True), **error_responses(400, 403, 404)})
    def post(self, request: Request, pk: int) -> Response:
        task = task_selectors.task_get(request.user, pk)
        require(policy.can_discuss_task(request.user, task), TASK_MEMBERS_ONLY)
        task_services.task_comment_create(task=task, author=request.user, **parse(TaskCommentIn, request))
        return Response(TaskActivityOut(task_selectors.task_activity(task), many=True).data, status=status.HTTP_201_CREATED)


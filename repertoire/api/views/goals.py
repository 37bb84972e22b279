from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from mirubato.api.inputs import validated
from mirubato.api.pagination import page_body, page_of
from repertoire.api.params import GoalListParams
from repertoire.api.serializers.goals import (
    GoalCreateInputSerializer,
    GoalDetailOutputSerializer,
    GoalOutputSerializer,
    GoalProgressInputSerializer,
    GoalProgressOutputSerializer,
    GoalUpdateInputSerializer,
)
from repertoire.models import Goal
from repertoire.selectors.goals import (
    goal_detail,
    goal_get,
    goal_list,
    goal_views,
    progress_view,
)
from repertoire.services.goals import (
    goal_create,
    goal_delete,
    goal_progress_record,
    goal_update,
    goals_settle,
)

TAGS = ["goals"]


def _detail(request, goal: Goal) -> Response:
    body = goal_detail(user=request.user, goal=goal)
    goals_settle(goals=[goal], views=[body])
    return Response(GoalDetailOutputSerializer(body).data)


class GoalListView(APIView):
    @extend_schema(
        operation_id="goals_list",
        tags=TAGS,
        responses=page_of(GoalOutputSerializer),
        parameters=[GoalListParams],
    )
    def get(self, request):
        params = validated(GoalListParams, request.query_params)
        limit, offset = params["limit"], params["offset"]
        goals = goal_list(
            user=request.user,
            status=params.get("status"),
            type=params.get("type"),
            score_id=params.get("score_id"),
        )
        total, chosen = goals.count(), list(goals[offset : offset + limit])
        views = goal_views(user=request.user, goals=chosen)
        goals_settle(goals=chosen, views=views)
        data = GoalOutputSerializer(views, many=True).data
        return Response(page_body(data, total=total, limit=limit, offset=offset))

    @extend_schema(
        operation_id="goals_create",
        tags=TAGS,
        request=GoalCreateInputSerializer,
        responses={201: GoalDetailOutputSerializer},
    )
    def post(self, request):
        goal = goal_create(user=request.user, **validated(GoalCreateInputSerializer, request.data))
        response = _detail(request, goal)
        response.status_code = status.HTTP_201_CREATED
        return response


class GoalItemView(APIView):
    @extend_schema(operation_id="goals_get", tags=TAGS, responses=GoalDetailOutputSerializer)
    def get(self, request, goal_id: str):
        return _detail(request, goal_get(user=request.user, goal_id=goal_id))

    @extend_schema(
        operation_id="goals_update",
        tags=TAGS,
        request=GoalUpdateInputSerializer,
        responses=GoalDetailOutputSerializer,
    )
    def patch(self, request, goal_id: str):
        changes = validated(GoalUpdateInputSerializer, request.data)
        return _detail(request, goal_update(user=request.user, goal_id=goal_id, **changes))

    @extend_schema(operation_id="goals_delete", tags=TAGS, responses={204: None})
    def delete(self, request, goal_id: str):
        goal_delete(user=request.user, goal_id=goal_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class GoalProgressView(APIView):
    @extend_schema(
        operation_id="goals_progress",
        tags=TAGS,
        request=GoalProgressInputSerializer,
        responses={201: GoalProgressOutputSerializer},
    )
    def post(self, request, goal_id: str):
        fields = validated(GoalProgressInputSerializer, request.data)
        goal, progress, completed = goal_progress_record(
            user=request.user, goal_id=goal_id, **fields
        )
        [view] = goal_views(user=request.user, goals=[goal])
        body = {"goal": view, "progress": progress_view(progress), "completed": completed}
        return Response(GoalProgressOutputSerializer(body).data, status=status.HTTP_201_CREATED)

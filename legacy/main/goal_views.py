"""Goals as the original client speaks them (the client's calls §6): the whole list under `goals`,
edits by PUT, a flat progress answer. Every write is checked by our goal serializers and made
by our goal services; another user's goal is a 404 like a missing one."""

from __future__ import annotations

from rest_framework import status
from rest_framework.response import Response

from legacy.main.shapes import (
    fields_in,
    goal_body,
    goal_create_fields,
    goal_stats_body,
    goal_update_fields,
    progress_body,
)
from legacy.wire import LegacyView
from mirubato.api.inputs import validated
from repertoire.api.inputs import (
    GoalCreateInputSerializer,
    GoalListParams,
    GoalProgressInputSerializer,
    GoalUpdateInputSerializer,
)
from repertoire.selectors import goal_detail, goal_get, goal_list, goal_views
from repertoire.services import (
    goal_create,
    goal_delete,
    goal_progress_record,
    goal_update,
    goals_settle,
)


def _settled(user, goals: list) -> list[dict]:
    """Views of `goals` after completing those whose target is now reached (as REST reads)."""
    views = goal_views(user=user, goals=goals)
    goals_settle(goals=goals, views=views)
    return views


class GoalListView(LegacyView):
    def get(self, request):
        """`{goals: [every goal]}`: the client keeps no pages. The filters are REST's."""
        params = validated(GoalListParams, request.query_params)
        goals = goal_list(
            user=request.user,
            status=params.get("status"),
            type=params.get("type"),
            score_id=params.get("score_id"),
        )
        return Response({"goals": [goal_body(v) for v in _settled(request.user, list(goals))]})

    def post(self, request):
        fields = validated(GoalCreateInputSerializer, goal_create_fields(request.data))
        goal = goal_create(user=request.user, **fields)
        [view] = _settled(request.user, [goal])
        return Response(goal_body(view), status=status.HTTP_201_CREATED)


class GoalItemView(LegacyView):
    def get(self, request, goal_id: str):
        goal = goal_get(user=request.user, goal_id=goal_id)
        detail = goal_detail(user=request.user, goal=goal)
        goals_settle(goals=[goal], views=[detail])
        return Response(goal_stats_body(detail))

    def put(self, request, goal_id: str):
        """Our partial update. The goal is read first (a 404 for anyone else's) so that an
        unchanged `type`/`scoreId`, which the client always sends, can be dropped."""
        stored = goal_get(user=request.user, goal_id=goal_id)
        body = goal_update_fields(request.data, type=stored.type, score_id=stored.score_id)
        changes = validated(GoalUpdateInputSerializer, body)
        goal = goal_update(user=request.user, goal_id=goal_id, **changes)
        _settled(request.user, [goal])
        return Response({"message": "Goal updated successfully"})

    def delete(self, request, goal_id: str):
        goal_delete(user=request.user, goal_id=goal_id)
        return Response({"message": "Goal deleted successfully"})


class GoalProgressView(LegacyView):
    def post(self, request, goal_id: str):
        fields = validated(GoalProgressInputSerializer, fields_in(request.data))
        goal, _, completed = goal_progress_record(user=request.user, goal_id=goal_id, **fields)
        [view] = goal_views(user=request.user, goals=[goal])
        return Response(progress_body(view, completed))

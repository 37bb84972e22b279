"""The admin pages for repertoire, goals (with progress inline) and annotations."""

from __future__ import annotations

import pytest

from repertoire.models import GoalProgress, RepertoireStatusChange
from tests.accounts.factories import UserFactory
from tests.repertoire.factories import AnnotationFactory, GoalFactory, RepertoireFactory

pytestmark = pytest.mark.django_db(databases=["default"])


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["userrepertoire", "goal", "scoreannotation"])
def test_each_changelist_searches_and_filters(staff_client, model):
    RepertoireFactory(score_id="moonlight-x")
    GoalFactory(title="moonlight")
    AnnotationFactory(score_id="moonlight-x")
    response = staff_client.get(f"/admin/repertoire/{model}/?q=moonlight")
    assert response.status_code == 200 and b"moonlight" in response.content


def test_a_goal_page_shows_its_progress_inline(staff_client):
    goal = GoalFactory()
    GoalProgress.objects.create(goal=goal, value=7, notes="inline-note")
    response = staff_client.get(f"/admin/repertoire/goal/{goal.pk}/change/")
    assert response.status_code == 200 and b"inline-note" in response.content


def test_a_status_change_in_the_admin_is_recorded_in_the_history(staff_client):
    item = RepertoireFactory(status="planned")
    form = {
        "user": item.user_id,
        "score_id": item.score_id,
        "status": "learning",
        "personal_notes": "",
        "reference_links": "[]",
        "history-TOTAL_FORMS": "0",
        "history-INITIAL_FORMS": "0",
    }
    response = staff_client.post(f"/admin/repertoire/userrepertoire/{item.pk}/change/", form)
    assert response.status_code == 302
    change = RepertoireStatusChange.objects.get(item=item)
    assert (change.from_status, change.to_status) == ("planned", "learning")


def test_the_abandon_action_reports_what_it_did(staff_client):
    goals = [GoalFactory(), GoalFactory(status="completed")]
    response = staff_client.post(
        "/admin/repertoire/goal/",
        {"action": "mark_abandoned", "_selected_action": [g.pk for g in goals]},
        follow=True,
    )
    assert b"1 active goal(s) marked as abandoned." in response.content

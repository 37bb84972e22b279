"""The progress and favourites parts of "everything about a user": export and erase."""

from __future__ import annotations

import pytest

from accounts.userdata import registered_parts
from progress.models import UserAchievement
from scores.models import ScoreFavorite
from tests.accounts.factories import UserFactory
from tests.progress.factories import days_ago, log
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


def part(name):
    return next(p for p in registered_parts() if p.name == name)


def test_the_parts_are_registered_on_their_databases():
    assert part("progress").database == "default"
    assert part("favorites").database == "scores"


def test_achievements_are_exported_and_erased_for_that_user_only(auth_client, make_auth_client):
    other = make_auth_client(UserFactory())
    for client in (auth_client, other):
        log(client.user, days_ago(1), 5)
        client.get("/api/progress/achievements")
    sections = dict(part("progress").export(auth_client.user))
    rows = list(sections["achievements"])
    assert [row["code"] for row in rows] == ["first_entry"]
    assert part("progress").erase(auth_client.user) == {"user_achievements": 1}
    assert not UserAchievement.objects.filter(user=auth_client.user).exists()
    assert UserAchievement.objects.filter(user=other.user).exists()


def test_favourites_are_exported_and_erased_for_that_user_only():
    user, other = UserFactory(), UserFactory()
    score = ScoreFactory()
    ScoreFavorite.objects.create(user_id=user.pk, score=score)
    ScoreFavorite.objects.create(user_id=other.pk, score=score)
    rows = list(dict(part("favorites").export(user))["score_favorites"])
    assert [row["score_id"] for row in rows] == [score.id]
    assert part("favorites").erase(user) == {"score_favorites": 1}
    assert list(ScoreFavorite.objects.values_list("user_id", flat=True)) == [other.pk]


def test_deleting_a_score_removes_it_from_favourites():
    score = ScoreFactory()
    ScoreFavorite.objects.create(user_id=UserFactory().pk, score=score)
    score.delete()
    assert not ScoreFavorite.objects.exists()

"""The one visibility rule that every read path uses (scores.selectors)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from scores.selectors.scores import score_is_visible, scores_visible_to
from tests.accounts.factories import UserFactory
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=["default", "scores"])


@pytest.fixture
def owner():
    return UserFactory()


@pytest.fixture
def scores(owner):
    return {
        "public": ScoreFactory(visibility="public"),
        "unlisted": ScoreFactory(visibility="unlisted", user_id=owner.pk),
        "private": ScoreFactory(visibility="private", user_id=owner.pk),
        "ownerless_private": ScoreFactory(visibility="private", user_id=""),
    }


def listed_ids(user):
    return set(scores_visible_to(user).values_list("id", flat=True))


def test_anonymous_visitors_see_only_public_scores_listed(scores):
    assert listed_ids(AnonymousUser()) == {scores["public"].id}


def test_other_users_never_see_unlisted_or_private_scores_listed(scores):
    assert listed_ids(UserFactory()) == {scores["public"].id}


def test_owners_see_their_own_scores_of_every_visibility_listed(scores, owner):
    expected = {scores["public"].id, scores["unlisted"].id, scores["private"].id}
    assert listed_ids(owner) == expected


def test_staff_see_private_scores_but_not_others_unlisted_ones_listed(scores):
    staff = UserFactory(is_staff=True)
    expected = {scores["public"].id, scores["private"].id, scores["ownerless_private"].id}
    assert listed_ids(staff) == expected


@pytest.mark.parametrize(
    ("name", "anonymous", "other", "owner_sees", "staff"),
    [
        ("public", True, True, True, True),
        ("unlisted", True, True, True, True),
        ("private", False, False, True, True),
        ("ownerless_private", False, False, False, True),
    ],
)
def test_opening_by_id_follows_the_rule(scores, owner, name, anonymous, other, owner_sees, staff):
    score_id = scores[name].id
    assert score_is_visible(score_id=score_id, user=AnonymousUser()) is anonymous
    assert score_is_visible(score_id=score_id, user=None) is anonymous
    assert score_is_visible(score_id=score_id, user=UserFactory()) is other
    assert score_is_visible(score_id=score_id, user=owner) is owner_sees
    assert score_is_visible(score_id=score_id, user=UserFactory(is_staff=True)) is staff


def test_an_unknown_or_empty_id_is_not_visible(owner):
    assert score_is_visible(score_id="score_nope", user=owner) is False
    assert score_is_visible(score_id="", user=owner) is False

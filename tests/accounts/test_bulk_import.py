"""`accounts.services.user_import`: users moving in are matched by address, created with
their original id when it fits, and never overwritten or made staff."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from accounts.models import User
from accounts.selectors import users_existing
from accounts.services import UserRecord, user_import
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default"])
ORIGINAL = "user_V1StGXR8_Z5jdHi6B-myT"


def _record(**fields) -> UserRecord:
    return UserRecord(**{"email": "Clara@Example.com", "original_id": ORIGINAL, **fields})


def test_a_new_user_keeps_the_original_id_and_time():
    when = datetime(2023, 10, 1, tzinfo=UTC)
    user_id, status = user_import(record=_record(display_name="Clara", created_at=when))
    user = User.objects.get(pk=user_id)
    assert (user_id, status, user.email) == (ORIGINAL, "created", "clara@example.com")
    assert (user.created_at, user.display_name, user.is_staff) == (when, "Clara", False)
    assert not user.has_usable_password()


def test_an_id_that_does_not_fit_or_is_taken_gets_a_new_one():
    UserFactory(id=ORIGINAL)
    taken, _ = user_import(record=_record())
    too_long, _ = user_import(record=_record(email="b@example.com", original_id="u" * 40))
    assert taken != ORIGINAL and len(too_long) == 26


def test_an_address_already_here_is_that_user_and_keeps_what_they_set():
    here = UserFactory(email="clara@example.com", display_name="Clara S.")
    user_id, status = user_import(
        record=_record(display_name="Clara Wieck", auth_provider="google")
    )
    here.refresh_from_db()
    assert (user_id, status) == (here.pk, "unchanged")
    assert (here.display_name, here.auth_provider) == ("Clara S.", "magic_link")


def test_only_blanks_are_filled_in():
    here = UserFactory(email="clara@example.com", display_name="")
    _, status = user_import(record=_record(display_name="Clara", google_id="g-1"))
    here.refresh_from_db()
    assert (status, here.display_name, here.google_id) == ("updated", "Clara", "g-1")
    assert user_import(record=_record(display_name="Clara", google_id="g-1"))[1] == "unchanged"


def test_a_google_id_another_user_holds_is_dropped():
    UserFactory(google_id="g-1")
    user_id, _ = user_import(record=_record(google_id="g-1"))
    assert User.objects.get(pk=user_id).google_id is None


def test_a_long_display_name_is_cut_as_sign_in_cuts_it():
    user_id, _ = user_import(record=_record(display_name="x" * 150))
    assert len(User.objects.get(pk=user_id).display_name) == 100


def test_a_dry_run_answers_the_same_and_writes_nothing():
    assert user_import(record=_record(), dry_run=True) == (ORIGINAL, "created")
    assert not User.objects.exists()


def test_users_existing_names_the_ids_that_are_users():
    user = UserFactory()
    assert users_existing(ids=[user.pk, "nobody", ""]) == {user.pk}

"""What is already on this server meets the import: a user who signed in here before, our
catalogue, and earlier runs of a part of the databases."""

from __future__ import annotations

import pytest

from accounts.models import User
from repertoire.models import UserRepertoire
from scores.models import Score, UserCollection
from sync.models import SyncData
from tests.accounts.factories import UserFactory
from tests.legacy import importer_data as data
from tests.legacy.importer_run import DATABASES, run
from tests.scores.factories import ScoreFactory

pytestmark = pytest.mark.django_db(databases=DATABASES)


def test_a_user_who_signed_in_here_keeps_their_id_and_receives_the_data(tmp_path):
    here = UserFactory(email="clara@example.com", display_name="")
    output = run(data.build(tmp_path, dump=True))
    assert User.objects.filter(email="clara@example.com").count() == 1
    assert SyncData.objects.filter(user=here, entity_type="logbook_entry").count() == 3
    assert SyncData.objects.get(user=here, entity_type="user_preferences").entity_id == here.pk
    here.refresh_from_db()
    assert here.display_name == "Clara Wieck"  # a blank name is filled in, nothing else
    assert "users: 2 read, 1 created, 1 updated" in output


def test_a_user_who_signed_in_here_keeps_what_they_set(tmp_path):
    here = UserFactory(
        email="clara@example.com", display_name="Clara S.", auth_provider="magic_link"
    )
    run(data.build(tmp_path, dump=True))
    here.refresh_from_db()
    assert (here.display_name, here.auth_provider) == ("Clara S.", "magic_link")


def test_a_catalogue_piece_we_already_have_is_matched_not_duplicated(tmp_path):
    ours = ScoreFactory(
        title="Lágrima", composer="Francisco Tárrega", user_id="", visibility="public"
    )
    output = run(data.build(tmp_path, dump=True))
    assert Score.objects.filter(title="Lágrima").count() == 1
    assert "scores: 4 read, 3 created, 1 matched" in output
    from scores.models import Collection

    assert Collection.objects.get(slug="featured-beginner-guitar").score_ids == [ours.pk]


def test_a_default_collection_here_receives_the_original_defaults_scores(tmp_path):
    robert = UserFactory(email="robert@mirubato.com")
    mine = UserCollection.objects.create(
        user_id=robert.pk, name="General", slug="general", is_default=True
    )
    run(data.build(tmp_path, dump=True))
    assert UserCollection.objects.filter(user_id=robert.pk).count() == 1
    mine.refresh_from_db()
    assert len(mine.score_ids) == 2


def test_a_later_scores_only_run_finds_the_owners_by_their_kept_ids(tmp_path):
    paths = data.build(tmp_path, dump=True)
    run(paths, scores=False, dictionary=False)
    output = run(paths, api=False, dictionary=False)
    assert "scores: 4 read, 4 created" in output
    assert Score.objects.filter(user_id=data.ROBERT).count() == 1


def test_a_scores_run_without_the_users_reports_their_uploads(tmp_path):
    output = run(data.build(tmp_path, dump=True), api=False, dictionary=False)
    assert "scores: 4 read, 2 created, 2 failed" in output
    assert (
        "user user_Uakgb_J5m9g-0JDMbcJqL is not here (import the API database with --api)" in output
    )


def test_two_original_users_differing_only_by_case_become_one(tmp_path):
    twin = {"id": "user_twin", "email": "CLARA@example.com", "created_at": "2024-01-01 00:00:00"}
    entry = data._sync(
        "sync_twin",
        "user_twin",
        "logbook_entry",
        "entry_twin",
        {**data.ENTRY_2_DATA, "id": "entry_twin"},
        99,
    )
    run(data.build(tmp_path, dump=True, extra={"api": {"users": [twin], "sync_data": [entry]}}))
    assert User.objects.filter(email="clara@example.com").count() == 1
    assert SyncData.objects.get(entity_id="entry_twin").user_id == data.CLARA


def test_a_repertoire_piece_added_here_is_not_duplicated(tmp_path):
    clara = UserFactory(email="clara@example.com")
    UserRepertoire.objects.create(
        user=clara, score_id="moonlight sonata-beethoven", status="polished"
    )
    output = run(data.build(tmp_path, dump=True))
    item = UserRepertoire.objects.get(user=clara, score_id="moonlight sonata-beethoven")
    assert item.status == "polished"  # edited here after the original's last change
    assert "user_repertoire: 3 read, 2 created, 1 kept" in output

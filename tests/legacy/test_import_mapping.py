"""import_mirubato maps the original's three databases onto ours: what is stored afterwards,
read from all three databases, for sources given as SQLite files and as SQL dumps."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from accounts.models import User
from dictionary.models import DictionaryEntry, RelatedTerm, UserFeedback
from legacy.importer.values import derived_score_id
from repertoire.models import Goal, GoalProgress, ScoreAnnotation, UserRepertoire
from scores.models import (
    Collection,
    CollectionMember,
    Score,
    ScoreAnalytics,
    ScoreFavorite,
    ScoreVersion,
    UserCollection,
)
from sync.models import SyncData, SyncMetadata
from tests.legacy import importer_data as data
from tests.legacy.importer_run import DATABASES, run

pytestmark = pytest.mark.django_db(databases=DATABASES)
SKETCH_ID = derived_score_id(data.SKETCH)
ROMANCE_ID = derived_score_id(data.ROMANCE)


@pytest.fixture(params=["sqlite", "dump"])
def imported(request, tmp_path) -> str:
    return run(data.build(tmp_path, dump=request.param == "dump"))


def _entity(entity_id: str) -> SyncData:
    return SyncData.objects.get(entity_id=entity_id)


def test_users_are_created_by_address_keeping_their_ids(imported):
    clara = User.objects.get(pk=data.CLARA)
    assert (clara.email, clara.display_name) == ("clara@example.com", "Clara Wieck")
    assert (clara.auth_provider, clara.google_id) == ("google", "109876543210987654321")
    assert clara.created_at == datetime(2023, 10, 1, 8, tzinfo=UTC)
    assert not clara.has_usable_password()


def test_an_admin_role_does_not_make_staff(imported):
    robert = User.objects.get(pk=data.ROBERT)
    assert (robert.is_staff, robert.is_superuser) == (False, False)


def test_logbook_entries_get_a_version_and_a_feed_position(imported):
    rows = SyncData.objects.filter(user_id=data.CLARA).order_by("seq")
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert {r.version for r in rows} == {1}
    assert SyncMetadata.objects.get(user_id=data.CLARA).last_seq == 5


def test_an_entry_is_stored_as_the_logbook_cleaner_stores_it(imported):
    entry = _entity(data.ENTRY_1).data
    assert entry["timestamp"] == 1700000000000 and entry["duration"] == 30
    assert entry["pieces"][0]["id"] == "moonlight sonata-beethoven"
    assert entry["scoreId"] == data.BACH
    assert entry["goal_ids"] == [data.GOAL_TIME]  # unknown fields are kept


def test_a_deleted_entry_is_a_tombstone(imported):
    gone = _entity(data.ENTRY_GONE)
    assert gone.deleted_at is not None
    assert gone.data == {"deletedAt": "2023-11-20T10:00:00.000Z"}


def test_links_to_a_score_with_a_derived_id_point_at_it(imported):
    entry = _entity(data.ENTRY_ROBERT).data
    assert entry["scoreId"] == SKETCH_ID
    assert entry["pieces"][0]["id"] == SKETCH_ID


def test_preferences_are_the_users_preferences_entity(imported):
    preferences = SyncData.objects.get(entity_type="user_preferences")
    assert preferences.entity_id == data.CLARA
    assert preferences.data["notificationSettings"]["practiceReminders"] is True
    assert preferences.data["notificationSettings"]["emailFrequency"] == "never"  # defaults


def test_a_new_device_pulls_the_imported_logbook(imported, make_auth_client):
    client = make_auth_client(User.objects.get(pk=data.CLARA))
    body = client.get("/api/sync/pull").json()
    ids = {change["id"] for change in body["changes"]}
    assert {data.ENTRY_1, data.ENTRY_2, "goal_sync_1", data.CLARA} <= ids
    assert data.ENTRY_GONE not in ids  # the live state has no tombstones


def test_repertoire_items_keep_their_status_history(imported):
    item = UserRepertoire.objects.get(user_id=data.CLARA, score_id=data.BACH)
    assert (item.status, item.difficulty_rating) == ("learning", 3)
    assert item.personal_notes == "Watch the trills"
    steps = [(h.from_status, h.to_status) for h in item.history.all()]
    assert steps == [("", "planned"), ("planned", "learning")]
    assert item.history.last().changed_at == datetime(2023, 11, 10, 9, tzinfo=UTC)
    assert item.created_at == datetime.fromtimestamp(1699000000, tz=UTC)


def test_a_repertoire_item_naming_an_upload_links_its_new_id(imported):
    assert UserRepertoire.objects.get(user_id=data.ROBERT).score_id == SKETCH_ID


def test_goals_come_with_their_plan_and_milestones(imported):
    goal = Goal.objects.get(pk=data.GOAL_TIME)
    assert (goal.user_id, goal.type, goal.target_value) == (data.CLARA, "practice_time", 600)
    assert (goal.current_value, goal.target_date) == (90, date(2024, 3, 1))
    assert goal.practice_plan == {"daily_minutes": 30, "focus_areas": ["tone"]}
    assert [m["title"] for m in goal.milestones] == ["First hour", "Five hours"]
    assert goal.milestones[0]["completed_at"] == "2023-11-20T00:00:00Z"


def test_a_repertoire_goal_links_its_piece_by_our_rule(imported):
    goal = Goal.objects.get(pk=data.GOAL_ETUDE)
    assert goal.score_id == "etude-chopin"
    assert UserRepertoire.objects.filter(user_id=data.CLARA, score_id="etude-chopin").exists()


def test_a_completed_goal_is_completed_and_no_target_is_none(imported):
    goal = Goal.objects.get(pk=data.GOAL_SPRING)
    assert (goal.status, goal.target_value) == ("completed", None)
    assert goal.completed_at == datetime.fromtimestamp(1699500000, tz=UTC)


def test_progress_rows_are_history_and_do_not_add_again(imported):
    rows = GoalProgress.objects.filter(goal_id=data.GOAL_TIME).order_by("recorded_at")
    assert [(p.value, p.session_id) for p in rows] == [(60, ""), (30, data.ENTRY_1)]
    assert Goal.objects.get(pk=data.GOAL_TIME).current_value == 90


def test_annotations_come_along(imported):
    note = ScoreAnnotation.objects.get(user_id=data.CLARA)
    assert (note.score_id, note.page_number, note.annotation_type) == (data.BACH, 1, "highlight")
    assert note.annotation_data == {"x": 10, "y": 20, "color": "#ffcc00"}


def test_catalogue_scores_keep_their_ids_as_public_catalogue_metadata(imported):
    bach = Score.objects.get(pk=data.BACH)
    assert (bach.user_id, bach.visibility) == ("", "public")
    assert (bach.instrument, bach.difficulty, bach.style_period) == (
        "piano",
        "intermediate",
        "baroque",
    )
    assert bach.composer == "Johann Sebastian Bach"
    assert bach.tags == ["baroque", "counterpoint"]
    assert bach.metadata == {"catalog": "BWV 772", "year": 1723}


def test_scores_arrive_without_files(imported):
    assert ScoreVersion.objects.count() == 0
    assert set(Score.objects.values_list("processing_status", "source_type", "page_count")) == {
        ("completed", "", None)
    }
    assert "arrived as metadata without their files" in imported


def test_uploads_get_our_id_form_and_keep_owner_and_visibility(imported):
    sketch, romance = Score.objects.get(pk=SKETCH_ID), Score.objects.get(pk=ROMANCE_ID)
    assert (sketch.user_id, sketch.visibility) == (data.ROBERT, "private")
    assert (romance.user_id, romance.visibility) == (data.CLARA, "unlisted")


def test_curated_and_featured_platform_collections_are_curated_here(imported):
    beginners = Collection.objects.get(slug="piano-for-beginners")
    assert (beginners.is_featured, beginners.score_ids) == (True, [data.BACH])
    guitar = Collection.objects.get(slug="featured-beginner-guitar")
    assert (guitar.is_featured, guitar.score_ids) == (True, [data.LAGRIMA])


def test_a_users_default_collection_keeps_its_members_in_order(imported):
    general = UserCollection.objects.get(user_id=data.ROBERT)
    assert (general.slug, general.is_default) == ("general", True)
    assert general.score_ids == [SKETCH_ID, data.BACH]
    assert CollectionMember.objects.filter(user_collection=general).count() == 2


def test_favourites_and_counters_come_along(imported):
    assert set(ScoreFavorite.objects.values_list("user_id", "score_id")) == {
        (data.CLARA, data.BACH),
        (data.ROBERT, SKETCH_ID),
    }
    counters = ScoreAnalytics.objects.get(score_id=data.BACH)
    assert (counters.view_count, counters.download_count) == (12, 3)


def test_dictionary_entries_keep_their_documents(imported):
    allegro = DictionaryEntry.objects.get(normalized_term="allegro", lang="en")
    assert (allegro.type, allegro.overall_score, allegro.status) == ("tempo", 85, "published")
    assert allegro.definition["concise"] == "Fast, quick and bright."
    assert allegro.references["wikipedia"]["url"] == "https://en.wikipedia.org/wiki/Allegro"
    assert (allegro.quality["overall"], allegro.source, allegro.version) == (85, "ai", 2)


def test_an_entry_the_original_did_not_serve_is_a_draft(imported):
    adagio = DictionaryEntry.objects.get(normalized_term="adagio", lang="es")
    assert (adagio.status, adagio.overall_score) == ("draft", 40)


def test_relations_and_feedback_come_along(imported):
    allegro = DictionaryEntry.objects.get(normalized_term="allegro")
    relation = RelatedTerm.objects.get()
    assert (relation.entry_id, relation.related_entry.term) == (allegro.pk, "Crescendo")
    feedback = UserFeedback.objects.get()
    assert (feedback.user_id, feedback.rating, feedback.helpful) == (data.CLARA, 5, True)
    allegro.refresh_from_db()
    assert (allegro.feedback_count, allegro.rating_average) == (1, 5.0)


def test_the_summary_has_a_line_per_table_and_a_total(imported):
    assert "users: 2 read, 2 created" in imported
    assert "sync_data: 6 read, 5 created, 1 deleted" in imported
    assert "Total: " in imported.splitlines()[-1]
    assert "not imported: api.sync_metadata (1 rows)" in imported

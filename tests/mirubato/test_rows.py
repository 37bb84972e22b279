"""mirubato.rows.insert_rows: new rows stored exactly as bulk_create stores them, in one
statement, and left marked as saved."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db.models.signals import post_init

from dictionary.models import DB as DICTIONARY_DB
from dictionary.models import SearchAnalytics
from mirubato.rows import insert_rows, new_instance
from repertoire.models import Goal
from sync.models import SyncData
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db(databases=["default", "dictionary"])
MOMENT = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)


def analytics(term: str) -> SearchAnalytics:
    return SearchAnalytics(
        term=term, normalized_term=term, found=True, source="lookup", searched_at=MOMENT
    )


def stored(model, using: str, **where) -> list[dict]:
    return [
        {k: v for k, v in row.items() if k != "id"}
        for row in model.objects.using(using).filter(**where).order_by("term").values()
    ]


def test_rows_read_back_as_bulk_create_stores_them():
    insert_rows(SearchAnalytics, [analytics("a-fast")], using=DICTIONARY_DB)
    SearchAnalytics.objects.using(DICTIONARY_DB).bulk_create([analytics("b-orm")])
    fast, orm = stored(SearchAnalytics, DICTIONARY_DB)
    assert {**fast, "term": "", "normalized_term": ""} == {**orm, "term": "", "normalized_term": ""}
    assert fast["searched_at"] == MOMENT and fast["found"] is True


def test_json_data_foreign_keys_and_null_datetimes_are_stored_as_the_orm_stores_them():
    user = UserFactory()
    data = {"piece": "Études, Op. 10", "minutes": 25, "tags": ["a", None], "nested": {"x": 1.5}}
    row = SyncData(
        user=user, entity_type="logbook_entry", entity_id="e1", data=data, checksum="c", seq=1
    )
    insert_rows(SyncData, [row], using="default")
    back = SyncData.objects.get(entity_id="e1")
    assert back.data == data and back.user_id == user.pk and back.deleted_at is None


def test_many_rows_go_in_one_statement(django_assert_num_queries):
    rows = [analytics(f"t{n}") for n in range(50)]
    with django_assert_num_queries(1, using=DICTIONARY_DB):
        insert_rows(SearchAnalytics, rows, using=DICTIONARY_DB)
    assert SearchAnalytics.objects.using(DICTIONARY_DB).count() == 50


def test_nothing_to_insert_sends_nothing(django_assert_num_queries):
    with django_assert_num_queries(0, using=DICTIONARY_DB):
        insert_rows(SearchAnalytics, [], using=DICTIONARY_DB)


def test_inserted_rows_are_marked_saved_in_their_database():
    row = analytics("saved")
    insert_rows(SearchAnalytics, [row], using=DICTIONARY_DB)
    assert row._state.adding is False and row._state.db == DICTIONARY_DB


def test_json_orjson_refuses_is_stored_as_json_dumps_stores_it():
    user = UserFactory()
    data = {"big": 2**70, 7: "a key that is not a string"}  # orjson refuses both
    row = SyncData(
        user=user, entity_type="logbook_entry", entity_id="e2", data=data, checksum="c", seq=1
    )
    insert_rows(SyncData, [row], using="default")
    assert SyncData.objects.get(entity_id="e2").data == {
        "big": 2**70,
        "7": "a key that is not a string",
    }


def _values(user) -> dict:
    return {
        "id": "01J00000000000000000000000",
        "user_id": user.pk,
        "entity_type": "logbook_entry",
        "entity_id": "e3",
        "data": {"a": 1},
        "checksum": "c",
        "version": 1,
        "seq": 1,
        "device_id": "",
        "created_at": MOMENT,
        "updated_at": MOMENT,
        "deleted_at": None,
    }


def test_new_instance_holds_what_the_constructor_would():
    user = UserFactory()
    built, constructed = new_instance(SyncData, _values(user)), SyncData(**_values(user))
    assert {k: v for k, v in vars(built).items() if k != "_state"} == {
        k: v for k, v in vars(constructed).items() if k != "_state"
    }
    assert built._state.adding is True and built._state.db is None
    insert_rows(SyncData, [built], using="default")
    assert SyncData.objects.get(entity_id="e3").data == {"a": 1}


def test_new_instance_runs_the_constructor_when_init_signals_have_receivers():
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(receiver, sender=SyncData)
    try:
        row = new_instance(SyncData, _values(UserFactory()))
    finally:
        post_init.disconnect(receiver, sender=SyncData)
    assert seen == [row]


def test_none_in_a_json_field_is_sql_null_and_other_fields_go_through_the_orm():
    # As bulk_create stores it: SQL NULL, not the JSON text `null` (isnull tells them apart).
    # A DateField is none of the plain kinds, so it takes the field's own preparation.
    goal = Goal(user=UserFactory(), title="Scales", type="custom", target_date=date(2026, 5, 1))
    insert_rows(Goal, [goal], using="default")
    stored = Goal.objects.get(pk=goal.pk)
    assert Goal.objects.filter(pk=goal.pk, measures__isnull=True).exists()
    assert stored.measures is None and stored.target_date == date(2026, 5, 1)

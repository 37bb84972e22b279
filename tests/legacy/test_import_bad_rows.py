"""A row our rules refuse is counted and reported with its reason, never stored unchecked,
and the rest of the import goes on."""

from __future__ import annotations

import itertools
import json

import pytest

from accounts.models import User
from dictionary.models import DictionaryEntry
from repertoire.models import UserRepertoire
from scores.models import Score
from sync.models import SyncData
from tests.legacy import importer_data as data
from tests.legacy.importer_run import DATABASES, run

pytestmark = pytest.mark.django_db(databases=DATABASES)


SEQ = itertools.count(100)


def _entry_row(entity_id: str, **fields) -> dict:
    entry = {**data.ENTRY_2_DATA, "id": entity_id, **fields}
    return data._sync(f"sync_{entity_id}", data.CLARA, "logbook_entry", entity_id, entry, next(SEQ))


def _run_with(tmp_path, *, dump: bool = True, **extra) -> str:
    return run(data.build(tmp_path, dump=dump, extra=extra))


def test_an_entry_the_logbook_cleaner_refuses_is_reported_and_not_stored(tmp_path):
    bad = _entry_row("entry_masterclass", type="masterclass")  # the worker's enum, not ours
    output = _run_with(tmp_path, api={"sync_data": [bad]})
    assert not SyncData.objects.filter(entity_id="entry_masterclass").exists()
    assert "sync_data: 7 read, 5 created, 1 deleted, 1 failed" in output
    assert (
        "logbook_entry:entry_masterclass (clara@example.com): data.type: Must be one of" in output
    )


def test_an_entry_whose_data_is_not_json_is_reported(tmp_path):
    bad = {**_entry_row("entry_broken"), "data": "{not json"}
    output = _run_with(tmp_path, api={"sync_data": [bad]})
    assert "logbook_entry:entry_broken (clara@example.com): data: not valid JSON" in output
    assert SyncData.objects.filter(entity_type="logbook_entry").count() == 4


def test_an_entity_type_we_do_not_know_is_reported(tmp_path):
    bad = data._sync("sync_x", data.CLARA, "metronome_preset", "m1", {"bpm": 60}, 200)
    output = _run_with(tmp_path, api={"sync_data": [bad]})
    assert "metronome_preset:m1 (clara@example.com): type: Must be one of" in output


def test_a_user_without_a_valid_address_is_reported_with_their_rows(tmp_path):
    ghost = {"id": "user_ghost", "email": "not an address"}
    entry = {**_entry_row("entry_ghost"), "user_id": "user_ghost"}
    output = _run_with(tmp_path, api={"users": [ghost], "sync_data": [entry]})
    assert "users user_ghost: email: Enter a valid email address." in output
    assert "entry_ghost (user_ghost): user user_ghost is not here" in output
    assert User.objects.count() == 2


def test_a_repertoire_item_the_api_would_refuse_is_reported(tmp_path):
    bad = {
        "id": "R9abcdefghijklmnopqrs",
        "user_id": data.CLARA,
        "score_id": "prelude-chopin",
        "status": "learning",
        "difficulty_rating": 4.5,  # the original accepted it; ours takes whole numbers
        "created_at": 1699000000,
        "updated_at": 1699000000,
    }
    output = _run_with(tmp_path, api={"user_repertoire": [bad]})
    assert "user_repertoire prelude-chopin (clara@example.com): difficulty_rating:" in output
    assert not UserRepertoire.objects.filter(score_id="prelude-chopin").exists()
    assert UserRepertoire.objects.count() == 4


def test_a_repertoire_item_naming_someone_elses_private_score_is_refused(tmp_path):
    snoop = {
        "id": "R8abcdefghijklmnopqrs",
        "user_id": data.CLARA,
        "score_id": data.SKETCH,
        "status": "planned",
        "created_at": 1699000000,
        "updated_at": 1699000000,
    }
    output = _run_with(tmp_path, api={"user_repertoire": [snoop]})
    assert "is another user's private score" in output


def test_a_score_with_an_instrument_we_do_not_have_is_reported(tmp_path):
    harp = {**data.SCORES_ROWS["scores"][0], "id": "score_harp_1", "instrument": "harp"}
    output = _run_with(tmp_path, scores={"scores": [harp]})
    assert (
        "scores score_harp_1 (Invention No. 1 in C Major): "
        'instrument: "harp" is not a valid choice.' in output
    )
    assert not Score.objects.filter(pk="score_harp_1").exists()
    assert Score.objects.count() == 4


def test_a_dictionary_entry_without_a_detailed_definition_is_reported(tmp_path):
    thin = {
        **data.DICTIONARY_ROWS["dictionary_entries"][0],
        "id": "thin",
        "term": "Presto",
        "normalized_term": "presto",
        "definition": json.dumps({"concise": "Very fast."}),
    }
    output = _run_with(tmp_path, dictionary={"dictionary_entries": [thin]})
    assert "dictionary_entries Presto [en]: definition:" in output
    assert not DictionaryEntry.objects.filter(term="Presto").exists()


def test_only_the_first_few_reasons_are_listed_but_all_are_counted(tmp_path):
    bad = [_entry_row(f"entry_bad_{n}", duration=-5) for n in range(8)]
    output = _run_with(tmp_path, api={"sync_data": bad})
    assert "8 failed" in output
    assert output.count("data.duration: Must be between 0 and 1440 minutes.") == 5


def test_a_statement_a_dump_cannot_load_is_reported_and_the_rest_loads(tmp_path):
    paths = data.build(tmp_path, dump=True)
    with paths["api"].open("a", encoding="utf-8") as dump:
        dump.write("INSERT INTO \"sync_data\" VALUES('broken', 'row');\n")
    output = run(paths)
    assert "Note: api dump: 1 statement(s) could not be loaded" in output
    assert SyncData.objects.count() == 6

"""import_mirubato's options: any subset of the three sources; every mistake in how it is
called is a CommandError that says what is wrong, before anything is written."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from tests.legacy import importer_data as data
from tests.legacy.importer_run import DATABASES, run

pytestmark = pytest.mark.django_db(databases=DATABASES)


def test_an_unknown_option_is_a_command_error():
    with pytest.raises(CommandError, match="unrecognized arguments: --users"):
        call_command("import_mirubato", "--users", "x.sql")


def test_no_source_is_a_command_error():
    with pytest.raises(CommandError, match="at least one of --api, --scores, --dictionary"):
        call_command("import_mirubato")


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="api: no such file"):
        call_command("import_mirubato", "--api", str(tmp_path / "missing.sql"))


def test_a_file_that_is_not_a_database_is_a_command_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("These are not the databases you are looking for.\n")
    with pytest.raises(CommandError, match="holds no SQL statement SQLite accepts"):
        call_command("import_mirubato", "--scores", str(path))


def test_a_binary_file_that_is_not_sqlite_is_a_command_error(tmp_path):
    path = tmp_path / "score.pdf"
    path.write_bytes(b"%PDF-1.7\n\xff\xfe\x00binary")
    with pytest.raises(CommandError, match="neither a SQLite file nor a SQL dump"):
        call_command("import_mirubato", "--scores", str(path))


def test_the_wrong_database_for_an_option_is_a_command_error_and_writes_nothing(tmp_path):
    paths = data.build(tmp_path, dump=True)
    with pytest.raises(CommandError, match="not the original's dictionary database"):
        call_command(
            "import_mirubato", "--api", str(paths["api"]), "--dictionary", str(paths["scores"])
        )
    assert User.objects.count() == 0


def test_a_batch_size_below_one_is_a_command_error(tmp_path):
    paths = data.build(tmp_path, dump=True)
    with pytest.raises(CommandError, match="--batch-size"):
        call_command("import_mirubato", "--api", str(paths["api"]), "--batch-size", "0")


def test_any_subset_of_the_sources_can_be_given(tmp_path):
    paths = data.build(tmp_path, dump=True)
    output = run(paths, api=False, scores=False)
    assert "dictionary_entries: 3 read" in output and "users:" not in output


def test_a_batch_of_one_gives_the_same_result(tmp_path):
    paths = data.build(tmp_path, dump=False)
    output = run(paths, "--batch-size", "1")
    assert "sync_data: 6 read, 5 created, 1 deleted" in output


def test_progress_is_printed_per_table(tmp_path):
    output = run(data.build(tmp_path, dump=True))
    assert "  sync_data: 6/6 rows" in output

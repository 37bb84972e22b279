"""`import_mirubato --dry-run` reads and checks everything, says what it would do, and writes
nothing to any of the three databases."""

from __future__ import annotations

import pytest

from tests.legacy import importer_data as data
from tests.legacy.importer_run import DATABASES, run, snapshot

pytestmark = pytest.mark.django_db(databases=DATABASES)


@pytest.mark.parametrize("dump", [False, True])
def test_a_dry_run_writes_nothing(tmp_path, dump):
    before = snapshot()
    run(data.build(tmp_path, dump=dump), "--dry-run")
    assert snapshot() == before


def test_a_dry_run_says_what_it_would_do(tmp_path):
    output = run(data.build(tmp_path, dump=True), "--dry-run")
    assert "users: 2 read, 2 would create" in output
    assert "sync_data: 6 read, 5 would create, 1 would delete" in output
    assert "collection_members: 4 read, 4 would create" in output
    assert output.rstrip().endswith("(dry run: nothing was written).")


def test_a_dry_run_predicts_the_real_run(tmp_path):
    paths = data.build(tmp_path, dump=True)
    dry = (
        run(paths, "--dry-run")
        .replace("would create", "created")
        .replace("would delete", "deleted")
    )
    real = run(paths)
    summary = lambda text: [line for line in text.splitlines() if not line.startswith("  ")]  # noqa: E731
    assert summary(dry)[:-1] == summary(real)[:-1]


def test_a_dry_run_after_a_run_finds_nothing_to_do(tmp_path):
    paths = data.build(tmp_path, dump=False)
    run(paths)
    before = snapshot()
    output = run(paths, "--dry-run")
    assert "would" not in output.replace("(dry run: nothing was written)", "")
    assert snapshot() == before

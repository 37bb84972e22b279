"""mirubato.prepared.Prepared: a `.values()` query built and compiled once, run with each
call's values, answering what the ORM answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from mirubato.models import CommandRun
from mirubato.prepared import Prepared

pytestmark = pytest.mark.django_db

FIELDS = ("id", "command", "started_at", "counts", "outcome", "dry_run")


def _runs(*, command: str, outcome: str):
    runs = CommandRun.objects.filter(command=command)
    if outcome:  # an empty value is passed as itself: this branch is part of the shape
        runs = runs.filter(outcome=outcome)
    return runs.order_by("started_at", "id").values(*FIELDS)


@pytest.fixture
def runs():
    now = timezone.now()
    for n, (command, outcome) in enumerate(
        [("backup", "ok"), ("backup", "failed"), ("cleanup", "ok"), ("backup", "ok")]
    ):
        CommandRun.objects.create(
            command=command,
            outcome=outcome,
            started_at=now + timedelta(seconds=n),
            counts={"rows": n, "names": ["a", n]},
            dry_run=bool(n % 2),
        )


def test_rows_are_what_the_orm_gives(runs):
    prepared = Prepared(_runs)
    got = prepared.rows(command="backup", outcome="ok")
    assert got == list(_runs(command="backup", outcome="ok"))
    assert len(got) == 2 and isinstance(got[0]["started_at"], type(timezone.now()))
    assert got[0]["counts"] == {"rows": 0, "names": ["a", 0]}  # JSON decoded, as .values()


def test_each_call_runs_with_its_own_values(runs):
    prepared = Prepared(_runs)
    prepared.rows(command="backup", outcome="ok")
    assert prepared.rows(command="cleanup", outcome="ok") == list(
        _runs(command="cleanup", outcome="ok")
    )
    assert prepared.rows(command="backup", outcome="failed")[0]["outcome"] == "failed"


def test_an_empty_value_is_a_shape_of_its_own(runs):
    prepared = Prepared(_runs)
    prepared.rows(command="backup", outcome="ok")
    assert prepared.rows(command="backup", outcome="") == list(_runs(command="backup", outcome=""))


def test_the_query_is_built_once_a_shape(runs):
    built = []

    def counting(**values):
        built.append(values)
        return _runs(**values)

    prepared = Prepared(counting)
    for command in ("backup", "cleanup", "backup", "nothing"):
        prepared.rows(command=command, outcome="ok")
    prepared.rows(command="backup", outcome="")
    assert len(built) == 2  # one for each shape


def test_a_lookup_that_rewrites_its_value_is_refused():
    prepared = Prepared(
        lambda command: CommandRun.objects.filter(command__contains=command).values("id")
    )
    with pytest.raises(ValueError, match="rewrote a value"):
        prepared.rows(command="back")


def test_a_query_with_annotations_is_refused():
    prepared = Prepared(
        lambda command: (
            CommandRun.objects.filter(command=command).values("command").annotate(n=Count("id"))
        )
    )
    with pytest.raises(ValueError, match="without extra or annotations"):
        prepared.rows(command="backup")


def test_a_query_of_whole_objects_is_refused():
    prepared = Prepared(lambda command: CommandRun.objects.filter(command=command))
    with pytest.raises(ValueError, match=r"takes \.values"):
        prepared.rows(command="backup")


def test_a_value_for_a_number_column_is_refused_when_prepared():
    prepared = Prepared(lambda pid: CommandRun.objects.filter(pid=pid).values("id"))
    with pytest.raises(ValueError):
        prepared.rows(pid="12")

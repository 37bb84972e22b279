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


@pytest.fixture
def patterned():
    now = timezone.now()
    for n, command in enumerate(["back_up", "back%up", "backXup", "BACK_UP", "up"]):
        CommandRun.objects.create(command=command, outcome="ok", started_at=now + timedelta(n))


def _matching(lookup: str):
    def build(text: str):
        return (
            CommandRun.objects.filter(**{f"command__{lookup}": text})
            .order_by("id")
            .values("command")
        )

    return build


@pytest.mark.parametrize("lookup", ["contains", "startswith", "endswith", "iexact", "icontains"])
@pytest.mark.parametrize("text", ["k_u", "k%u", "back", "back_up", "p"])
def test_a_pattern_lookup_escapes_each_value_as_the_orm_does(patterned, lookup, text):
    prepared = Prepared(_matching(lookup))
    prepared.rows(text="warm")  # the plan is made with another value
    assert prepared.rows(text=text) == list(_matching(lookup)(text))


def test_a_pattern_lookup_keeps_one_plan_for_every_value(patterned):
    built = []

    def counting(text: str):
        built.append(text)
        return _matching("contains")(text)

    prepared = Prepared(counting)
    texts = ("k_u", "up", "%")
    assert [prepared.rows(text=t) for t in texts] == [list(_matching("contains")(t)) for t in texts]
    assert len(built) == 1


def test_in_with_a_string_is_refused():
    prepared = Prepared(lambda command: CommandRun.objects.filter(command__in=command).values("id"))
    with pytest.raises(ValueError, match="beyond recognition"):
        prepared.rows(command="backup")


def test_a_value_changed_by_the_builder_is_refused():
    prepared = Prepared(
        lambda command: CommandRun.objects.filter(command=command.upper()).values("id")
    )
    with pytest.raises(ValueError, match="beyond recognition"):
        prepared.rows(command="backup")


def _per_command(outcome: str):
    return (
        CommandRun.objects.filter(outcome=outcome)
        .values("command")
        .annotate(n=Count("id"))
        .order_by("command")
    )


def test_annotations_come_under_their_names(runs):
    prepared = Prepared(_per_command)
    assert prepared.rows(outcome="ok") == [
        {"command": "backup", "n": 2},
        {"command": "cleanup", "n": 1},
    ]
    assert prepared.rows(outcome="ok") == list(_per_command("ok"))


def test_a_page_runs_with_its_limit_and_offset_on_one_plan(runs):
    built = []

    def counting(**values):
        built.append(values)
        return _runs(**values)

    prepared = Prepared(counting)
    every = list(_runs(command="backup", outcome=""))
    assert prepared.rows(page=(2, 0), command="backup", outcome="") == every[0:2]
    assert prepared.rows(page=(2, 1), command="backup", outcome="") == every[1:3]
    assert prepared.rows(page=(5, 3), command="backup", outcome="") == []
    assert len(built) == 1


def test_a_sliced_query_cannot_be_paged(runs):
    prepared = Prepared(lambda command: _runs(command=command, outcome="")[:2])
    with pytest.raises(ValueError, match="must not slice"):
        prepared.rows(page=(2, 0), command="backup")


def test_a_query_of_whole_objects_is_refused():
    prepared = Prepared(lambda command: CommandRun.objects.filter(command=command))
    with pytest.raises(ValueError, match=r"takes \.values"):
        prepared.rows(command="backup")


def test_a_value_for_a_number_column_is_refused_when_prepared():
    prepared = Prepared(lambda pid: CommandRun.objects.filter(pid=pid).values("id"))
    with pytest.raises(ValueError):
        prepared.rows(pid="12")

"""Reads of the shared plumbing: the last run of each management command."""

from __future__ import annotations

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery

from mirubato.models import CommandRun


def latest_of_each(rows: QuerySet[CommandRun]) -> QuerySet[CommandRun]:
    """Of these runs, the most recent of each command."""
    newest = CommandRun.objects.filter(command=OuterRef("command")).order_by("-started_at", "-id")
    return rows.filter(pk=Subquery(newest.values("pk")[:1]))


def command_runs_latest() -> list[CommandRun]:
    """The most recent run of every command that ever recorded one, by command name."""
    return list(latest_of_each(CommandRun.objects.all()).order_by("command"))


def command_runs_of(*, command: str, limit: int) -> list[CommandRun]:
    return list(CommandRun.objects.filter(command=command).order_by("-started_at")[:limit])


def command_run_figures() -> list[dict]:
    """Per command: the last run (start, duration, outcome), the last success, and how many
    runs of each outcome the kept records hold. Three aggregate queries, for `/metrics`."""
    latest = {run.command: run for run in command_runs_latest()}
    successes = dict(
        CommandRun.objects.filter(outcome=CommandRun.Outcome.OK)
        .values("command")
        .annotate(at=Max("started_at"))
        .values_list("command", "at")
        .order_by()
    )
    outcomes: dict[str, dict[str, int]] = {}
    for command, outcome, n in (
        CommandRun.objects.values("command", "outcome")
        .annotate(n=Count("id"))
        .values_list("command", "outcome", "n")
        .order_by()
    ):
        outcomes.setdefault(command, {})[outcome] = n
    return [
        {"run": run, "last_success": successes.get(name), "outcomes": outcomes.get(name, {})}
        for name, run in sorted(latest.items())
    ]

"""Figures `/metrics` reads from the database at scrape time: the management commands' runs
(cron runs on any host, in short processes: only their records outlive them)."""

from __future__ import annotations

from collections.abc import Iterable

from prometheus_client.core import GaugeMetricFamily, Metric

from mirubato import selectors


def command_runs() -> Iterable[Metric]:
    last_run = GaugeMetricFamily(
        "mirubato_command_last_run_timestamp_seconds",
        "When the last run of each management command started (Unix time).",
        labels=["command"],
    )
    duration = GaugeMetricFamily(
        "mirubato_command_last_run_duration_seconds",
        "How long the last finished run of each command took.",
        labels=["command"],
    )
    succeeded = GaugeMetricFamily(
        "mirubato_command_last_run_success",
        "1 if the last run of the command succeeded, 0 if it failed or was interrupted "
        "(absent while it runs).",
        labels=["command"],
    )
    last_success = GaugeMetricFamily(
        "mirubato_command_last_success_timestamp_seconds",
        "When the last successful run of each command started (Unix time).",
        labels=["command"],
    )
    runs = GaugeMetricFamily(
        "mirubato_command_runs",
        "Runs of each command by outcome, among the records kept (COMMAND_RUNS_RETENTION_DAYS).",
        labels=["command", "outcome"],
    )
    for row in selectors.command_run_figures():
        run, name = row["run"], row["run"].command
        last_run.add_metric([name], run.started_at.timestamp())
        if run.duration_seconds is not None:
            duration.add_metric([name], run.duration_seconds)
        if run.outcome != run.Outcome.RUNNING:
            succeeded.add_metric([name], 1.0 if run.outcome == run.Outcome.OK else 0.0)
        if row["last_success"] is not None:
            last_success.add_metric([name], row["last_success"].timestamp())
        for outcome, n in sorted(row["outcomes"].items()):
            runs.add_metric([name, outcome], n)
    return [last_run, duration, succeeded, last_success, runs]

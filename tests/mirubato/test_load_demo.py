from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db(databases=["default", "scores", "dictionary"])


def demo_commands() -> list[str]:
    return [c[0] for config in apps.get_app_configs() for c in getattr(config, "demo_commands", ())]


def test_dry_run_lists_every_apps_demo_command_and_runs_none():
    out = io.StringIO()
    call_command("load_demo", "--dry-run", stdout=out)
    text = out.getvalue()
    for name in demo_commands():
        assert name in text
    assert f"would run {len(demo_commands())} command(s)" in text


def test_loading_twice_gives_the_same_summary():
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", stdout=first)
    call_command("load_demo", stdout=second)
    assert first.getvalue().splitlines()[-1] == second.getvalue().splitlines()[-1]

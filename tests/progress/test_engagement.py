"""Engagement figures for staff: the daily rollup from every logbook, and its admin page."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.test import Client

from mirubato.models import CommandRun
from progress.charts import bar_chart
from progress.models import EngagementDay
from tests.accounts.factories import UserFactory
from tests.progress.factories import log, unlog

pytestmark = pytest.mark.django_db(databases=["default"])
DAY = date(2025, 3, 10)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=UTC)


def rollup(*args: str) -> str:
    out = io.StringIO()
    call_command("engagement_rollup", *args, stdout=out)
    return out.getvalue()


def figures(day: date = DAY) -> EngagementDay:
    return EngagementDay.objects.get(day=day)


def test_daily_active_users_and_minutes_count_each_users_practice_that_day():
    ana, ben = UserFactory(), UserFactory()
    log(ana, at(10, 8), minutes=20)
    log(ana, at(10, 22), minutes=15)
    log(ben, at(10), minutes=40)
    log(ben, at(11), minutes=99)  # another day
    rollup("--date", "2025-03-10", "--days", "1")
    row = figures()
    assert (row.active_users, row.practice_minutes, row.entries) == (2, 75, 3)


def test_status_changes_and_deleted_entries_do_not_count():
    ana = UserFactory()
    log(ana, at(10), minutes=30, type="status_change")
    unlog(ana, log(ana, at(10), minutes=30))
    rollup("--date", "2025-03-10", "--days", "1")
    assert (figures().active_users, figures().practice_minutes) == (0, 0)


def test_streak_retention_is_the_share_of_yesterdays_users_who_practised_again():
    users = [UserFactory() for _ in range(4)]
    for user in users:
        log(user, at(9))
    for user in users[:3]:
        log(user, at(10))
    log(UserFactory(), at(10))  # new today: active, not returning
    rollup("--date", "2025-03-10", "--days", "1")
    row = figures()
    assert (row.active_users, row.returning_users, row.streak_retention) == (4, 3, 0.75)


def test_a_day_after_a_day_without_practice_has_no_retention():
    log(UserFactory(), at(10))
    rollup("--date", "2025-03-10", "--days", "1")
    assert figures().streak_retention is None


def test_weekly_active_users_cover_the_seven_days_ending_on_the_day():
    log(UserFactory(), at(4))  # 7th day back: counted
    log(UserFactory(), at(3))  # 8th day back: not
    log(UserFactory(), at(10))
    rollup("--date", "2025-03-10", "--days", "1")
    assert (figures().weekly_active_users, figures().active_users) == (2, 1)


def test_the_rollup_is_idempotent_one_row_per_day_and_recorded():
    log(UserFactory(), at(9))
    rollup("--date", "2025-03-10")
    rollup("--date", "2025-03-10")
    assert list(EngagementDay.objects.order_by("day").values_list("day", "active_users")) == [
        (date(2025, 3, 9), 1),
        (date(2025, 3, 10), 0),
    ]
    runs = CommandRun.objects.filter(command="engagement_rollup", outcome="ok")
    assert runs.count() == 2
    assert runs.first().counts == {"days": 2, "active_users": 0}


def test_a_dry_run_writes_nothing():
    log(UserFactory(), at(10))
    output = rollup("--date", "2025-03-10", "--days", "1", "--dry-run")
    assert "1 active" in output
    assert not EngagementDay.objects.exists()


def test_staff_see_the_figures_with_charts_in_the_admin():
    log(UserFactory(), at(9), minutes=45)
    rollup("--date", "2025-03-10")
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/progress/engagementday/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<figure class="engagement-chart">') == 3
    assert "Daily active users" in html
    assert "2025-03-09: 45" in html  # the minutes bar's tooltip


def test_a_chart_escapes_its_labels_and_skips_missing_values():
    svg = bar_chart([("<b>", 2.0), ("day 2", None)], title="T & U")
    assert "&lt;b&gt;: 2" in svg
    assert svg.count("<rect") == 1
    assert "T &amp; U" in svg

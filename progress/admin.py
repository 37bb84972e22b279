"""Engagement figures for staff: the daily rollup, with charts of the last 30 days."""

from __future__ import annotations

from django.contrib import admin

from mirubato.admin import ReadOnlyAdmin
from progress.charts import bar_chart
from progress.models import EngagementDay
from progress.selectors.engagement import engagement_days

CHART_DAYS = 30


@admin.register(EngagementDay)
class EngagementDayAdmin(ReadOnlyAdmin):
    change_list_template = "admin/progress/engagementday/change_list.html"
    list_display = (
        "day",
        "active_users",
        "weekly_active_users",
        "practice_minutes",
        "entries",
        "returning_users",
        "retention",
        "computed_at",
    )
    date_hierarchy = "day"
    ordering = ("-day",)

    @admin.display(description="streak retention", ordering="streak_retention")
    def retention(self, day: EngagementDay) -> str:
        return "—" if day.streak_retention is None else f"{day.streak_retention:.0%}"

    def changelist_view(self, request, extra_context=None):
        days = engagement_days(limit=CHART_DAYS)
        labels = [day.day.isoformat() for day in days]
        charts = [
            bar_chart(
                list(zip(labels, [d.active_users for d in days], strict=True)),
                title=f"Daily active users, last {len(days)} days",
            ),
            bar_chart(
                list(zip(labels, [d.practice_minutes for d in days], strict=True)),
                title="Practice minutes per day",
            ),
            bar_chart(
                list(zip(labels, [_percent(d.streak_retention) for d in days], strict=True)),
                title="Streak retention (% of the day before's active users who practised again)",
                fmt="{:.0f}%",
                top=100,
            ),
        ]
        context = {**(extra_context or {}), "engagement_charts": charts if days else []}
        return super().changelist_view(request, context)


def _percent(share: float | None) -> float | None:
    return None if share is None else share * 100

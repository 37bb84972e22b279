from __future__ import annotations

from django.apps import AppConfig


class LegacyConfig(AppConfig):
    """The original Mirubato web client's wire, translated onto this backend's services and
    selectors (docs/web-client.md). It holds no rule of its own and no table."""

    name = "legacy"
    verbose_name = "Original web client"

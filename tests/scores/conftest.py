from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Stored files of every scores test live under pytest's tmp_path, never under var/."""
    settings.MEDIA_ROOT = str(tmp_path / "media")

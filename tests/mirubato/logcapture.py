"""Captures log records as the deployed handler writes them: the work-context filter and the
JSON (or text) formatter of `mirubato.telemetry.logs`, on the root logger."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from mirubato.telemetry.logs import JsonFormatter, TextFormatter, WorkContextFilter


class Captured:
    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    def text(self) -> str:
        return self.stream.getvalue()

    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self.text().splitlines() if line.strip()]

    def of(self, logger: str) -> list[dict]:
        return [line for line in self.lines() if line["logger"] == logger]


@contextmanager
def captured_logs(fmt: str = "json", level: int = logging.INFO) -> Iterator[Captured]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(WorkContextFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(min(level, old_level))
    try:
        yield Captured(stream)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)

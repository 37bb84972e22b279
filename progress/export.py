"""The logbook as a download: RFC 4180 CSV (csv module, CRLF line ends) or a JSON array of the
entries as the client stored them. Both are produced row by row for a streaming response."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import orjson

if TYPE_CHECKING:
    from repertoire.selectors import Entry


CSV_HEADER = ("Date", "Duration", "Pieces", "Composers", "Instrument", "Type", "Mood", "Notes")
LIST_SEPARATOR = "; "


class _Line:
    """A file-like sink for csv.writer that hands back each formatted line."""

    def write(self, line: str) -> str:
        return line


def _csv_row(entry: Entry, zone: ZoneInfo) -> tuple[str, ...]:
    when = entry.at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if entry.at else ""
    minutes = int(entry.minutes) if entry.minutes.is_integer() else round(entry.minutes, 2)
    composers = dict.fromkeys(p.composer for p in entry.pieces if p.composer)
    return (
        when,
        str(minutes),
        LIST_SEPARATOR.join(p.title for p in entry.pieces),
        LIST_SEPARATOR.join(composers),
        entry.instrument,
        entry.type,
        entry.mood,
        entry.notes,
    )


def csv_lines(entries: Iterable[Entry], zone: ZoneInfo) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\r\n")  # RFC 4180: quote , " CR LF; CRLF ends
    yield writer.writerow(CSV_HEADER)
    for entry in entries:
        yield writer.writerow(_csv_row(entry, zone))


def json_chunks(entries: Iterable[Entry]) -> Iterator[bytes]:
    yield b"["
    for index, entry in enumerate(entries):
        yield (b"," if index else b"") + orjson.dumps(entry.data)
    yield b"]"

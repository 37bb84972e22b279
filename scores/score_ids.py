"""Score ids as clients send them (reference §7.3): catalogue ids `score_...` are kept as they
are; anything else is a free `title-composer` id, normalised so the same piece gets one id.

Used wherever a score id arrives: logbook pieces on sync, repertoire, goals, annotations.
"""

from __future__ import annotations

import re

CANONICAL = re.compile(r"^score_[a-z0-9]+([-_][a-z0-9]+)*$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_SINGLE_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'"})
_DOUBLE_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-"})
UNKNOWN_COMPOSER = "unknown"


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text.strip().lower())


def normalize_title(title: str) -> str:
    text = title.translate(_SINGLE_QUOTES).translate(_DOUBLE_QUOTES).translate(_DASHES)
    return _collapse(text)


def normalize_composer(composer: str | None) -> str:
    text = _collapse((composer or "").translate(_SINGLE_QUOTES).replace(".", ""))
    return text or UNKNOWN_COMPOSER


def _join(title: str, composer: str) -> str:
    # A dash inside either part would make `-` ambiguous, so such ids use `||` instead.
    delimiter = "||" if "-" in title or "-" in composer else "-"
    return f"{title}{delimiter}{composer}"


def is_catalogue_id(score_id: str) -> bool:
    return bool(CANONICAL.match(score_id.strip()))


def score_id_for(title: str, composer: str | None) -> str:
    """The free id of a piece known by title and composer."""
    return _join(normalize_title(title), normalize_composer(composer))


def normalize_score_id(score_id: str) -> str:
    """A catalogue id trimmed; a free id rebuilt from its title and composer parts."""
    text = score_id.strip()
    if not text or is_catalogue_id(text):
        return text
    lowered = text.lower()
    title, _, composer = lowered.partition("||") if "||" in lowered else lowered.partition("-")
    return _join(normalize_title(title), normalize_composer(composer))


def new_score_id() -> str:
    """Primary key of a catalogue score: `score_` + a lowercase ULID, so it is sortable and
    every client recognises it as a catalogue id (see CANONICAL)."""
    from mirubato.ids import new_id

    return f"score_{new_id().lower()}"

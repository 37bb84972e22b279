"""How a typed term becomes a key: one rule for storage, lookup, search and the queue.

`normalize_term`: NFC, case-folded, trimmed, whitespace collapsed, curly quotes and dashes
unified. Accents stay (`più mosso`), so two terms that differ only by an accent remain two
entries. `search_key` drops the accents of Latin letters (`piu mosso`), so a search typed
without them still finds the entry; CJK text passes through unchanged (its marks carry meaning).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\uff07", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\uff0d", "-"),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad"),  # invisible characters
    }
)
# Latin letters that carry no combining mark but are written without one on a plain keyboard.
_LATIN_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d"})
# Marks are dropped only after letters of these scripts (Latin, Greek, Cyrillic).
_STRIP_BELOW = 0x0530


def normalize_term(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw).casefold().translate(_PUNCTUATION)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def search_key(normalized: str) -> str:
    """The accent-free form of an already normalised term."""
    kept: list[str] = []
    base = ""
    for char in unicodedata.normalize("NFKD", normalized):
        if unicodedata.combining(char):
            if base and ord(base) < _STRIP_BELOW:
                continue
        else:
            base = char
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).translate(_LATIN_FOLD)


def term_key(raw: str) -> str:
    return search_key(normalize_term(raw))


def synonym_keys(synonyms: Iterable[object]) -> str:
    """`|key|key|` for SQL matching: `|k|` is an exact synonym, `|k` a prefix."""
    keys = [term_key(s) for s in synonyms if isinstance(s, str) and s.strip()]
    return f"|{'|'.join(keys)}|" if keys else ""

"""Composer names, canonicalised (reference mirubato-api §7.9): the one function that score
create/import and autocomplete share, so "J.S. Bach", "Bach, J.S." and "Bach BWV 846" all
become "Johann Sebastian Bach".

Steps: strip catalogue numbers; normalise (accents, case, dots, dashes, commas); exact match on
known names and spellings; then a structured match on the surname whose other words must be
that composer's given names or their initials; otherwise title-case with particles lowercase.
"""

from __future__ import annotations

import re
from functools import cache

from scores.composer_names import KNOWN, Known
from scores.text import fold

# Catalogue numbers need a number after the prefix, so initials like "D. Scarlatti" survive.
_CATALOGUE = re.compile(
    r"""\b(?:
        BWV | HWV | RV | KV | K | WoO | Hob\.?\s*[IVXL]+\s*: | Hob | Op | Opus | D | S | L | LW |
        Sz | BB | Z | P | WD | Anh | No | Nr | B | TrV | M | Wq | H
    )\.?\s*(?:Anh\.?\s*)?\d+[a-z]?(?:[/:.-]\d+[a-z]?)*""",
    re.IGNORECASE | re.VERBOSE,
)
_EMPTY_BRACKETS = re.compile(r"\(\s*[,;]*\s*\)|\[\s*[,;]*\s*\]")
_LOOSE_PUNCTUATION = re.compile(r"(?:\s*[,;:/-]\s*)+$|^(?:\s*[,;:/-]\s*)+")
_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-"})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "della",
        "di",
        "da",
        "del",
        "dos",
        "das",
        "den",
        "der",
        "la",
        "le",
        "du",
        "y",
    }
)
_ANONYMOUS = re.compile(r"^anon(ymous)?\b")
_TRADITIONAL = re.compile(r"^trad(itional)?\b")


def strip_catalogue_numbers(text: str) -> str:
    """`"Bach BWV 846"` → `"Bach"`; `"Chopin (Op. 28, No. 4)"` → `"Chopin"`."""
    stripped = _CATALOGUE.sub(" ", text or "")
    for _ in range(2):  # "(, )" left behind by two numbers
        stripped = _EMPTY_BRACKETS.sub(" ", stripped)
        stripped = _SPACES.sub(" ", stripped).strip()
        stripped = _LOOSE_PUNCTUATION.sub("", stripped).strip()
    return stripped


def _key(text: str) -> str:
    """The lookup form: folded, no dots, dashes as spaces, one space after each comma."""
    text = fold(text.translate(_DASHES).translate(_QUOTES)).replace(".", " ").replace("-", " ")
    text = re.sub(r"\s*,\s*", ", ", text)
    return _SPACES.sub(" ", text).strip(" ,")


@cache
def _exact() -> dict[str, str]:
    table: dict[str, str] = {}
    for known in KNOWN:
        for spelling in (known.canonical, *known.variants):
            table.setdefault(_key(spelling), known.canonical)
    return table


@cache
def _by_surname() -> dict[str, list[Known]]:
    index: dict[str, list[Known]] = {}
    for known in KNOWN:
        index.setdefault(_key(known.surname), []).append(known)
    return index


def _fits(known: Known, words: list[str]) -> bool:
    """True when every word is one of the composer's given names or initials of them."""
    given = _key(known.given).split()
    initials = "".join(name[0] for name in given)
    for word in words:
        if word in PARTICLES or word in given:
            continue
        if not (word.isalpha() and all(letter in initials for letter in word)):
            return False
    return True


def _split(key: str) -> list[tuple[str, list[str]]]:
    """(surname candidate, other words) pairs: "bach, js" and "js bach" both give ("bach", [js])."""
    if ", " in key:
        surname, _, rest = key.partition(", ")
        return [(surname, rest.replace(",", " ").split())]
    words = key.split()
    return [(" ".join(words[-n:]), words[:-n]) for n in (1, 2, 3) if len(words) >= n]


def _by_structure(key: str) -> str | None:
    for surname, others in _split(key):
        candidates = _by_surname().get(surname, [])
        if not others:
            claimer = next((known for known in candidates if known.claims_surname), None)
            if claimer:
                return claimer.canonical
            continue
        for known in candidates:
            if _fits(known, others):
                return known.canonical
    return None


def _title_word(word: str, first: bool) -> str:
    if word.lower() in PARTICLES and not first:
        return word.lower()
    if word.islower() or word.isupper():
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
    return word  # mixed case (MacDowell, McCoy) is kept as written


def title_case_name(name: str) -> str:
    words = name.split()
    return " ".join(_title_word(word, index == 0) for index, word in enumerate(words))


def canonical_composer(name: str) -> str:
    """The canonical spelling of a composer's name (see the module docstring)."""
    stripped = strip_catalogue_numbers(name)
    key = _key(stripped)
    if not key:
        return ""
    if _ANONYMOUS.match(key):
        return "Anonymous"
    if _TRADITIONAL.match(key):
        return "Traditional"
    return _exact().get(key) or _by_structure(key) or title_case_name(stripped)

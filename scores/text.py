"""Text folding shared by search, composer canonicalisation and slugs: one rule for "the same
text, ignoring accents and case", so a query for `tarrega` finds `Tárrega` on every database."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
# Letters that NFKD does not decompose into a base letter plus a combining mark.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "\u0131": "i",  # dotless i
    }
)


def fold(text: str) -> str:
    """Lowercase, accents removed, whitespace collapsed: `"  Für  Élise"` → `"fur elise"`."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def slugify(text: str, *, max_length: int = 100) -> str:
    """ASCII slug, accents transliterated: `Lágrima` → `lagrima` (the reference gave `l-grima`)."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-")[:max_length].strip("-")

"""Entry ids as the original client needs them: RFC 9562 UUIDs (its zod schema refuses
anything else), mapped one to one onto our ULIDs, with no table and no query.

A ULID is 128 bits: a 48-bit millisecond time and 80 random bits. A version 8 UUID has 122
free bits (the version nibble and the variant take 6). Every ULID minted before the year
2109 has a time below 2**42, so its top 6 bits are zero and the remaining 122 bits fit
exactly: time-major, as in the ULID, so the UUIDs sort by creation time too.

    UUID bits, from the most significant:
      0..47   the ULID's bits 6..53 (the time's low 42 bits, then 6 random bits)
     48..51   version 8
     52..63   the ULID's bits 54..65
     64..65   variant 0b10 (RFC 9562)
     66..127  the ULID's bits 66..127

Both directions are pure functions, so a UUID the client sends back (the feedback call)
names exactly one ULID; whether that entry exists is the database's answer (a 404 if not).
An id that is not a canonical ULID of that range (none exists today: every entry id comes
from `mirubato.ids.new_id`) gets a name-based UUID (v5) instead, which is valid for the
client but cannot be mapped back.
"""

from __future__ import annotations

import uuid

from ulid import ULID

_FREE_BITS = 122
_LOW_62 = (1 << 62) - 1
_VERSION_8 = 8 << 76
_VARIANT_RFC = 0b10 << 62
# The v5 namespace of ids that are not ULIDs (fixed forever: it is part of those UUIDs).
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mirubato.com/legacy/dictionary/entry")


def _ulid_int(entry_id: str) -> int | None:
    """The ULID's 128 bits when `entry_id` is one in canonical form, else None."""
    try:
        value = int(ULID.from_str(entry_id))
    except (ValueError, TypeError):
        return None
    return value if str(ULID.from_int(value)) == entry_id else None


def entry_uuid(entry_id: str) -> str:
    """The UUID the client sees for one of our entry ids."""
    value = _ulid_int(entry_id)
    if value is None or value >> _FREE_BITS:
        return str(uuid.uuid5(_NAMESPACE, entry_id))
    high, middle, low = value >> 74, (value >> 62) & 0xFFF, value & _LOW_62
    return str(uuid.UUID(int=(high << 80) | _VERSION_8 | (middle << 64) | _VARIANT_RFC | low))


def entry_id_of(text: str) -> str | None:
    """Our entry id for a UUID the client sends, or None when it cannot name one (not a
    UUID, or not one `entry_uuid` makes from a ULID)."""
    try:
        value = uuid.UUID(text)
    except (ValueError, TypeError, AttributeError):
        return None
    if value.variant != uuid.RFC_4122 or value.version != 8:
        return None
    bits = value.int
    high, middle, low = bits >> 80, (bits >> 64) & 0xFFF, bits & _LOW_62
    return str(ULID.from_int((high << 74) | (middle << 62) | low))

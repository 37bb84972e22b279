"""The normalisation table: one rule for storage, lookup, search and the queue."""

from __future__ import annotations

import pytest

from dictionary.normalize import normalize_term, search_key, synonym_keys, term_key


@pytest.mark.parametrize(
    ("raw", "normalized", "key"),
    [
        ("Allegro", "allegro", "allegro"),
        ("  Mezzo   Forte ", "mezzo forte", "mezzo forte"),
        ("Mezzo\tforte\n", "mezzo forte", "mezzo forte"),
        ("Più mosso", "più mosso", "piu mosso"),
        ("Pi\u0300u mosso".replace("i\u0300u", "iu\u0300"), "più mosso", "piu mosso"),  # NFD in
        ("Crème", "crème", "creme"),
        ("Frédéric Chopin", "frédéric chopin", "frederic chopin"),
        ("Ritardando–Rit.", "ritardando-rit.", "ritardando-rit."),  # noqa: RUF001 (deliberate)
        ("Da capo — al Fine", "da capo - al fine", "da capo - al fine"),
        ("“Da capo”", '"da capo"', '"da capo"'),
        ("Point d’orgue", "point d'orgue", "point d'orgue"),  # noqa: RUF001 (deliberate)
        ("STRASSE", "strasse", "strasse"),
        ("Straße", "strasse", "strasse"),
        ("a\u00a0tempo", "a tempo", "a tempo"),
        ("ta\u200bcet", "tacet", "tacet"),
        ("漸強", "漸強", "漸強"),
        ("渐强 ", "渐强", "渐强"),
        ("ＦＯＲＴＥ", "ｆｏｒｔｅ", "forte"),  # noqa: RUF001 (deliberate)
        ("ピアノ", "ピアノ", "ピアノ"),
        ("Bœuf", "bœuf", "boeuf"),
    ],
)
def test_terms_normalise_as_the_table_says(raw, normalized, key):
    assert normalize_term(raw) == normalized
    assert search_key(normalize_term(raw)) == key
    assert term_key(raw) == key


def test_kana_voicing_marks_are_kept_in_the_search_key():
    # Dropping the dakuten would turn ガ into カ: a different sound, not an accent.
    assert term_key("ガ") == "ガ"


def test_synonym_keys_are_pipe_delimited_accent_free_keys():
    assert synonym_keys(["Decrescendo", "  dim. ", "", 3]) == "|decrescendo|dim.|"
    assert synonym_keys([]) == ""

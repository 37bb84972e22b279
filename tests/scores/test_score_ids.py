"""The reference's §7.3 table, as tests."""

from __future__ import annotations

import pytest

from scores.score_ids import is_catalogue_id, normalize_score_id, score_id_for


@pytest.mark.parametrize(
    ("title", "composer", "expected"),
    [
        ("Moonlight Sonata", "Beethoven", "moonlight sonata-beethoven"),
        ("Moonlight Sonata", None, "moonlight sonata-unknown"),
        ("Prelude in C", "J.S. Bach", "prelude in c-js bach"),
        ("Etude Op. 10 No. 3 - Tristesse", "Chopin", "etude op. 10 no. 3 - tristesse||chopin"),
        ("Danse Macabre", "Saint-Saëns", "danse macabre||saint-saëns"),
        ("Piece\u2014Part 1", "X", "piece-part 1||x"),
        ("  Clair   de  Lune ", " Debussy ", "clair de lune-debussy"),
        ("Rondo \u2018alla turca\u2019", "Mozart", "rondo 'alla turca'-mozart"),
    ],
)
def test_generated_ids(title, composer, expected):
    assert score_id_for(title, composer) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Piece-Composer", "piece-composer"),
        ("piece", "piece-unknown"),
        ("Moonlight Sonata - Beethoven", "moonlight sonata-beethoven"),
        ("moonlight sonata||beethoven", "moonlight sonata-beethoven"),
        ("etude-op-10-chopin", "etude||op-10-chopin"),
        (" score_XY-123 ", "score_XY-123"),
        ("", ""),
    ],
)
def test_normalised_ids(raw, expected):
    assert normalize_score_id(raw) == expected


def test_normalising_a_generated_id_keeps_it():
    for score_id in ("moonlight sonata-beethoven", "danse macabre||saint-saëns"):
        assert normalize_score_id(score_id) == score_id


def test_catalogue_ids_are_recognised_case_insensitively():
    assert is_catalogue_id("score_abc-1")
    assert is_catalogue_id("SCORE_ABC")
    assert not is_catalogue_id("score_")
    assert not is_catalogue_id("moonlight-beethoven")


def test_new_catalogue_ids_are_canonical_and_sortable():
    from scores.score_ids import new_score_id

    first, second = new_score_id(), new_score_id()
    assert is_catalogue_id(first) and first.startswith("score_")
    assert normalize_score_id(first) == first
    assert first < second

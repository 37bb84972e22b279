"""Logbook entries are client JSON: every shape the clients sent is read, nothing raises."""

from __future__ import annotations

from datetime import UTC, datetime

from repertoire.logbook import parse_entry


def test_it_reads_an_iso_timestamp_with_z():
    entry = parse_entry("e1", {"timestamp": "2025-03-01T09:30:00Z"})
    assert entry.at == datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def test_it_reads_epoch_milliseconds():
    entry = parse_entry("e1", {"timestamp": 1735689600000})
    assert entry.at == datetime(2025, 1, 1, tzinfo=UTC)


def test_it_reads_an_offset_timestamp_as_the_same_instant():
    entry = parse_entry("e1", {"timestamp": "2025-03-01T10:30:00+01:00"})
    assert entry.at == datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def test_a_malformed_timestamp_reads_as_no_time():
    for bad in ("yesterday", "", None, True, 1e300, {"a": 1}):
        assert parse_entry("e1", {"timestamp": bad}).at is None


def test_a_negative_or_non_numeric_duration_counts_as_zero_minutes():
    for bad in (-5, "30", None, True, float("nan")):
        assert parse_entry("e1", {"duration": bad}).minutes == 0.0


def test_piece_ids_are_normalised_and_pieces_without_id_get_a_derived_one():
    entry = parse_entry(
        "e1",
        {
            "pieces": [
                {"id": "Moonlight Sonata - Beethoven", "title": "Moonlight Sonata"},
                {"title": "Prelude in C", "composer": "J.S. Bach"},
            ]
        },
    )
    assert [(p.id, p.has_own_id) for p in entry.pieces] == [
        ("moonlight sonata-beethoven", True),
        ("prelude in c-js bach", False),
    ]


def test_both_spellings_of_goal_ids_are_read():
    assert parse_entry("e1", {"goalIds": ["g1"]}).goal_ids == {"g1"}
    assert parse_entry("e1", {"goal_ids": ["g2", 3]}).goal_ids == {"g2"}


def test_an_entry_that_is_not_an_object_reads_as_empty():
    entry = parse_entry("e1", ["not", "an", "object"])
    assert (entry.at, entry.minutes, entry.pieces) == (None, 0.0, ())


def test_an_entry_links_a_score_by_its_score_id_or_a_piece_id():
    entry = parse_entry("e1", {"scoreId": "score_abc", "pieces": [{"id": "x-y", "title": "X"}]})
    assert entry.links("score_abc") and entry.links("x-y") and not entry.links("z-y")


def test_a_timestamp_a_push_accepts_is_read_whatever_its_year():
    entry = parse_entry("e1", {"timestamp": 200_000_000_000_000})  # year 8307, pushable
    assert entry.at is not None and entry.at.year == 8307


def test_a_number_a_push_refuses_as_a_timestamp_reads_as_no_time_and_never_raises():
    for bad in (-1e14, -1, 253402300800000, float("inf")):  # before 1970, after 9999
        assert parse_entry("e1", {"timestamp": bad}).at is None


def test_a_duration_over_a_day_counts_as_zero_minutes_as_a_push_refuses_it():
    assert parse_entry("e1", {"duration": 1441}).minutes == 0.0
    assert parse_entry("e1", {"duration": 1440}).minutes == 1440.0


def test_accuracy_tempo_and_techniques_are_read_within_their_ranges():
    entry = parse_entry(
        "e1",
        {
            "metadata": {"accuracy": 87.5},
            "techniques": ["Scales", "scales", " arpeggios ", "", 3],
            "pieces": [{"title": "A", "tempo": 96}, {"title": "B", "tempo": 900}],
        },
    )
    assert entry.accuracy == 87.5 and entry.techniques == ("scales", "arpeggios")
    assert [p.tempo for p in entry.pieces] == [96.0, None]
    assert parse_entry("e1", {"metadata": {"accuracy": 101}}).accuracy is None


def test_progress_counts_a_linked_score_beside_the_listed_pieces():
    entry = parse_entry("e1", {"scoreId": "score_abc", "pieces": [{"id": "x-y", "title": "X"}]})
    assert [p.id for p in entry.pieces] == ["x-y"]
    assert [p.id for p in entry.practised_pieces] == ["x-y", "score_abc"]
    assert entry.catalogue_ids == {"score_abc"} and entry.minutes_of("score_abc") == 0.0


def test_a_linked_score_without_a_title_is_shown_by_its_id():
    entry = parse_entry("e1", {"scoreId": "score_abc", "duration": 30})
    assert entry.pieces == ()
    assert [(p.id, p.title) for p in entry.practised_pieces] == [("score_abc", "score_abc")]
    assert entry.minutes_of("score_abc") == 30.0


def test_a_time_in_year_9999_or_before_1970_reads_as_no_time():
    # A push accepts ISO times up to 9999-12-31, but that moment east of UTC, or the week
    # after it, overflows a datetime: every calendar report failed on one such entry.
    for far in ("9999-12-31T23:00:00Z", "9999-01-01T00:00:00Z", "0001-01-01T00:30:00Z"):
        assert parse_entry("e1", {"timestamp": far}).at is None
    assert parse_entry("e1", {"timestamp": "9998-12-31T23:59:59Z"}).at.year == 9998
    assert parse_entry("e1", {"timestamp": 0}).at == datetime(1970, 1, 1, tzinfo=UTC)

"""repertoire.logbook: logbook entries' known fields are checked and normalised; others kept."""

from __future__ import annotations

import pytest

from repertoire.logbook import logbook_entry_clean
from sync.services import FieldError
from tests.sync.factories import logbook_data


def clean(**fields):
    return logbook_entry_clean(logbook_data("e1", **fields))


@pytest.mark.parametrize(
    "timestamp", ["2025-03-01T10:00:00Z", "2025-03-01T12:00:00+02:00", 1740823200000]
)
def test_it_accepts_iso_8601_with_an_offset_or_epoch_ms(timestamp):
    assert clean(timestamp=timestamp)["timestamp"] == timestamp


@pytest.mark.parametrize(
    "timestamp",
    [
        "yesterday",
        "2025-03-01T10:00:00",
        -5,
        True,
        None,
        # Valid ISO text whose UTC time is outside what a datetime (and the analytics) holds.
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:00:00-14:00",
        "1969-12-31T23:59:59Z",
    ],
)
def test_it_rejects_a_timestamp_that_is_not_a_time(timestamp):
    with pytest.raises(FieldError) as error:
        clean(timestamp=timestamp)
    assert error.value.field == "timestamp"


@pytest.mark.parametrize("duration", [-1, 1441, "30", None, True])
def test_it_rejects_a_duration_outside_0_to_1440_minutes(duration):
    with pytest.raises(FieldError) as error:
        clean(duration=duration)
    assert error.value.field == "duration"


def test_it_accepts_the_duration_bounds():
    assert clean(duration=0)["duration"] == 0
    assert clean(duration=1440)["duration"] == 1440


def test_it_lowercases_type_and_mood_and_rejects_unknown_ones():
    assert clean(type="Lesson", mood="EXCITED")[("type")] == "lesson"
    assert clean(mood="EXCITED")["mood"] == "excited"
    assert clean(mood=None)["mood"] is None
    with pytest.raises(FieldError, match="practice"):
        clean(type="masterclass")
    with pytest.raises(FieldError):
        clean(mood="proud")


def test_it_requires_a_title_on_every_piece():
    with pytest.raises(FieldError) as error:
        clean(pieces=[{"title": "A"}, {"composer": "Bach"}])
    assert error.value.field == "pieces[1].title"


def test_it_generates_and_normalises_piece_ids_and_accepts_null_composers():
    pieces = clean(
        pieces=[
            {"title": "Prelude in C", "composer": "J.S. Bach"},
            {"title": "Etude", "composer": None},
            {"title": "X", "id": "Moonlight Sonata - Beethoven"},
            {"title": "Y", "id": " score_AB-12 "},
        ]
    )["pieces"]
    assert [p["id"] for p in pieces] == [
        "prelude in c-js bach",
        "etude-unknown",
        "moonlight sonata-beethoven",
        "score_AB-12",
    ]
    assert pieces[1]["composer"] is None


def test_it_normalises_score_id_or_derives_it_from_the_score_title():
    assert clean(scoreId="Piece-Composer")["scoreId"] == "piece-composer"
    derived = clean(scoreTitle="Danse Macabre", scoreComposer="Saint-Saëns")
    assert derived["scoreId"] == "danse macabre||saint-saëns"


def test_it_keeps_unknown_fields_exactly_and_does_not_touch_the_input():
    sent = logbook_data("e1", goalIds=["g1"], metadata={"source": "manual", "x": [1, None]})
    sent["pieces"][0]["measures"] = "1-16"
    stored = logbook_entry_clean(sent)
    assert stored["goalIds"] == ["g1"]
    assert stored["metadata"] == {"source": "manual", "x": [1, None]}
    assert stored["pieces"][0]["measures"] == "1-16"
    assert "id" not in sent["pieces"][0]

"""repertoire.logbook: the design's practice-log fields are known fields of a logbook entry,
checked on every push and read by `parse_entry`."""

from __future__ import annotations

import pytest

from repertoire.logbook import logbook_entry_clean, parse_entry
from sync.services import FieldError
from tests.sync.factories import logbook_data


def clean(**fields):
    return logbook_entry_clean(logbook_data("e1", **fields))


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"activityType": "nap"}, "activityType"),
        ({"selfRating": 7.5}, "selfRating"),
        ({"selfRating": True}, "selfRating"),
        ({"tempoPracticed": "fast"}, "tempoPracticed"),
        ({"targetTempo": 0}, "targetTempo"),
        ({"sessionId": 5}, "sessionId"),
        ({"templateId": "x" * 256}, "templateId"),
        ({"metadata": {"accuracy": -1}}, "metadata.accuracy"),
        ({"metadata": {"notesPlayed": 1.5}}, "metadata.notesPlayed"),
        ({"metadata": {"notesPlayed": 3, "notesCorrect": 4}}, "metadata.notesCorrect"),
        ({"metadata": {"focusAreas": [1]}}, "metadata.focusAreas"),
        ({"pieces": [{"title": "A", "section": 3}]}, "pieces[0].section"),
    ],
)
def test_a_bad_design_field_is_refused_naming_it(fields, field):
    with pytest.raises(FieldError) as error:
        clean(**fields)
    assert error.value.field == field


def test_the_design_fields_are_accepted_null_and_lowercased():
    data = clean(activityType="Slow_Practice", selfRating=None, tempoPracticed=None)
    assert data["activityType"] == "slow_practice"
    assert clean(metadata="not an object")["metadata"] == "not an object"  # the client's own


def test_a_pushed_entry_with_a_bad_rating_is_a_400_naming_it(auth_client):
    change = {"type": "logbook_entry", "id": "e1", "data": logbook_data("e1", selfRating=12)}
    response = auth_client.post("/api/sync/push", {"changes": [change]}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["details"]["field"] == "data.selfRating"


def test_reading_takes_each_field_within_its_bounds():
    entry = parse_entry(
        "e1",
        logbook_data(
            "e1",
            activityType="ETUDES",
            selfRating=11,
            tempoPracticed=80,
            sessionId=" s1 ",
            metadata={"focusAreas": ["rhythm", "rhythm", ""], "notesPlayed": 4, "notesCorrect": 3},
        ),
    )
    assert (entry.activity_type, entry.self_rating, entry.tempo_practiced) == ("etudes", None, 80)
    assert (entry.session_id, entry.focus_areas, entry.accuracy) == ("s1", ("rhythm",), 75.0)


def test_a_pieces_tempo_falls_back_to_the_logs_tempo():
    entry = parse_entry(
        "e1",
        logbook_data("e1", tempoPracticed=70, pieces=[{"title": "A"}, {"title": "B", "tempo": 90}]),
    )
    assert [entry.tempo_of(p) for p in entry.pieces] == [70, 90]


def test_the_tempo_trend_counts_a_log_that_has_only_its_own_tempo():
    from progress.stats import entry_tempo

    assert entry_tempo(parse_entry("e1", logbook_data("e1", pieces=[], tempoPracticed=66))) == 66

"""`/api/analytics/practice-time`, `/repertoire`, `/improvement`: computed from the live
logbook in the caller's time zone."""

from __future__ import annotations

import pytest

from tests.progress.factories import log, repertoire

pytestmark = pytest.mark.django_db(databases=["default", "scores"])
BACH = {"title": "Prelude in C", "composer": "J.S. Bach"}
CHOPIN = {"title": "Nocturne", "composer": "Chopin"}


def _get(client, path, **query):
    response = client.get(f"/api/analytics/{path}", query)
    assert response.status_code == 200, response.content
    return response.json()


def test_practice_time_by_period_instrument_and_activity(auth_client):
    user = auth_client.user
    log(user, "2025-03-03T10:00:00Z", 20, activityType="scales")
    log(user, "2025-03-04T10:00:00Z", 40, activityType="etudes", instrument="guitar")
    log(user, "2025-03-04T11:00:00Z", 10)
    body = _get(auth_client, "practice-time", groupBy="week")
    assert (body["totalMinutes"], body["groupBy"]) == (70, "week")
    assert [(p["period"], p["minutes"]) for p in body["byPeriod"]] == [("2025-03-03", 70)]
    assert {a["activityType"]: a["minutes"] for a in body["byActivity"]} == {
        "etudes": 40,
        "scales": 20,
        "unknown": 10,
    }
    assert {i["instrument"]: i["minutes"] for i in body["byInstrument"]} == {
        "guitar": 40,
        "piano": 30,
    }


def test_practice_time_filters_and_days_follow_the_zone(auth_client):
    user = auth_client.user
    log(user, "2025-03-03T23:30:00Z", 20, activityType="scales")  # 4 March in Tokyo
    log(user, "2025-03-04T10:00:00Z", 40, activityType="etudes", instrument="guitar")
    tokyo = _get(auth_client, "practice-time", tz="Asia/Tokyo", activityType="scales")
    assert [p["period"] for p in tokyo["byPeriod"]] == ["2025-03-04"]
    assert _get(auth_client, "practice-time", instrument="GUITAR")["totalMinutes"] == 40
    month = _get(auth_client, "practice-time", groupBy="month", **{"from": "2025-03-04"})
    assert [(p["period"], p["minutes"]) for p in month["byPeriod"]] == [("2025-03", 40)]


def test_status_changes_are_not_practice_time(auth_client):
    log(auth_client.user, "2025-03-03T10:00:00Z", 0, type="status_change")
    assert _get(auth_client, "practice-time")["entryCount"] == 0


def test_repertoire_analysis_per_piece_and_composer_with_statuses(auth_client):
    user = auth_client.user
    log(user, "2025-03-01T10:00:00Z", 30, pieces=[BACH, CHOPIN], selfRating=6)
    log(
        user,
        "2025-03-02T10:00:00Z",
        20,
        pieces=[{**BACH, "tempo": 90}],
        selfRating=8,
        targetTempo=100,
    )
    repertoire(user, "prelude in c-js bach", "learning")
    repertoire(user, "other-someone", "polished")
    body = _get(auth_client, "repertoire")
    bach = next(p for p in body["pieces"] if p["title"] == "Prelude in C")
    assert (bach["minutes"], bach["entries"], bach["averageRating"]) == (35, 2, 7)
    assert (bach["bestTempo"], bach["targetTempo"], bach["repertoireStatus"]) == (
        90,
        100,
        "learning",
    )
    assert bach["firstPracticedAt"] == "2025-03-01T10:00:00Z"
    composers = {c["composer"]: c["minutes"] for c in body["byComposer"]}
    assert composers == {"Johann Sebastian Bach": 35, "Frédéric Chopin": 15}
    counts = {s["repertoireStatus"]: s["items"] for s in body["byStatus"]}
    assert (counts["learning"], counts["polished"], counts["dropped"]) == (1, 1, 0)
    assert (body["pieceCount"], body["totalMinutes"]) == (2, 50)


def test_repertoire_analysis_pages_its_pieces(auth_client):
    for n in range(3):
        log(
            auth_client.user,
            f"2025-03-0{n + 1}T10:00:00Z",
            10 * (n + 1),
            pieces=[{"title": f"P{n}"}],
        )
    body = _get(auth_client, "repertoire", limit=1, offset=1)
    assert ([p["title"] for p in body["pieces"]], body["pieceCount"]) == (["P1"], 3)


def _tempo_log(user, day, tempo, **fields):
    log(user, f"2025-03-{day:02d}T10:00:00Z", 15, pieces=[{**BACH, "tempo": tempo}], **fields)


def test_improvement_shows_a_rising_tempo_per_piece_with_its_target(auth_client):
    user = auth_client.user
    for day in range(1, 21):
        _tempo_log(user, day, 60 + day, targetTempo=100, activityType="slow_practice")
    body = _get(auth_client, "improvement")
    [piece] = body["byPiece"]
    tempo = piece["tempo"]
    assert (tempo["count"], tempo["latest"], tempo["direction"], tempo["change"]) == (
        20,
        80,
        "up",
        10,
    )
    assert (piece["targetTempo"], piece["tempoOfTarget"]) == (100, 80)
    assert [s["period"] for s in tempo["series"]] == [
        "2025-02-24",
        "2025-03-03",
        "2025-03-10",
        "2025-03-17",
    ]
    assert body["byActivity"][0]["activityType"] == "slow_practice"
    assert body["overall"]["tempo"]["direction"] == "up"


def test_improvement_follows_accuracy_and_self_rating(auth_client):
    user = auth_client.user
    for day in range(1, 23):
        good = day > 11
        log(
            user,
            f"2025-03-{day:02d}T10:00:00Z",
            10,
            selfRating=8 if good else 5,
            metadata={"accuracy": 95 if good else 80},
            activityType="sight_reading",
        )
    overall = _get(auth_client, "improvement", groupBy="month")["overall"]
    assert (overall["accuracy"]["direction"], overall["selfRating"]["direction"]) == ("up", "up")
    assert overall["tempo"]["count"] == 0 and overall["tempo"]["direction"] is None
    assert overall["accuracy"]["series"][0]["period"] == "2025-03"


def test_fewer_than_eleven_values_have_no_direction(auth_client):
    for day in range(1, 6):
        _tempo_log(auth_client.user, day, 60 + day)
    assert _get(auth_client, "improvement")["overall"]["tempo"]["direction"] is None


def test_improvement_filters_by_piece_activity_and_range(auth_client):
    user = auth_client.user
    _tempo_log(user, 1, 70, activityType="scales")
    log(user, "2025-03-05T10:00:00Z", 10, pieces=[{**CHOPIN, "tempo": 50}], activityType="etudes")
    assert [
        p["title"] for p in _get(auth_client, "improvement", piece="Nocturne-Chopin")["byPiece"]
    ] == ["Nocturne"]
    assert _get(auth_client, "improvement", activityType="scales")["logs"] == 1
    assert _get(auth_client, "improvement", **{"from": "2025-03-02"})["logs"] == 1


def test_a_log_without_measured_values_is_counted_but_adds_no_trend(auth_client):
    log(auth_client.user, "2025-03-01T10:00:00Z", 10, pieces=[BACH])
    body = _get(auth_client, "improvement")
    assert (body["logs"], body["byPiece"], body["byActivity"]) == (1, [], [])


@pytest.mark.parametrize(
    "path, query, field",
    [
        ("practice-time", {"groupBy": "year"}, "groupBy"),
        ("practice-time", {"activityType": "nap"}, "activityType"),
        ("practice-time", {"tz": "Nowhere"}, "tz"),
        ("repertoire", {"from": "2025-02-30"}, "from"),
        ("repertoire", {"limit": "x"}, "limit"),
        ("improvement", {"weekStart": "someday"}, "weekStart"),
        ("improvement", {"from": "2025-03-05", "to": "2025-03-01"}, "to"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(auth_client, path, query, field):
    response = auth_client.get(f"/api/analytics/{path}", query)
    assert response.status_code == 400 and field in response.json()["error"]["details"]


def test_another_users_logbook_never_counts(auth_client):
    from tests.accounts.factories import UserFactory

    log(UserFactory(), "2025-03-01T10:00:00Z", 300, pieces=[BACH], selfRating=9)
    assert _get(auth_client, "practice-time")["totalMinutes"] == 0
    assert _get(auth_client, "repertoire")["pieces"] == []
    assert _get(auth_client, "improvement")["logs"] == 0


def test_analytics_need_a_token(api_client):
    for path in ("practice-time", "repertoire", "improvement", "export"):
        assert api_client.get(f"/api/analytics/{path}").status_code == 401

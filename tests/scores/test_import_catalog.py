"""manage.py import_catalog: idempotent upsert from CSV or JSON, all-or-nothing, the demo."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from scores.models import DB, Collection, Score
from tests.planner import planner_row_count

# "default": management commands record their runs there (mirubato.commands).
pytestmark = pytest.mark.django_db(databases=["default", "scores"])
HEADER = (
    "key,title,composer,opus,instrument,difficulty,difficulty_level,style_period,tags,imslp_url\n"
)


def run(path, *args) -> str:
    out = io.StringIO()
    call_command("import_catalog", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot():
    return list(
        Score.objects.order_by("catalogue_key").values_list(
            "id", "catalogue_key", "title", "composer", "tags", "updated_at"
        )
    )


def test_running_the_same_file_twice_gives_the_same_rows(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER + "sor-60-1,Study in C,F. Sor,Op. 60 No. 1,guitar,beginner,1,classical,study;sor,\n"
        ",Lágrima,tarrega,,guitar,intermediate,4,romantic,prelude,https://imslp.org/wiki/L%C3%A1grima_(T%C3%A1rrega,_Francisco)\n"
    )
    assert "2 created" in run(path)
    first = snapshot()
    assert "0 created, 0 updated, 2 unchanged" in run(path)
    assert snapshot() == first
    assert {row[3] for row in first} == {"Fernando Sor", "Francisco Tárrega"}
    assert Score.objects.filter(visibility="public", user_id="").count() == 2


def test_a_changed_row_updates_the_same_score(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "k1,Old title,Bach,,piano,beginner,2,baroque,,\n")
    run(path)
    score_id = Score.objects.get().id
    path.write_text(HEADER + "k1,New title,Bach,,piano,beginner,2,baroque,,\n")
    assert "1 updated" in run(path)
    assert Score.objects.get().id == score_id and Score.objects.get().title == "New title"


def test_an_invalid_row_writes_nothing(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER + "good,Fine,Bach,,piano,beginner,2,baroque,,\n"
        "bad,Broken,Bach,,violin,beginner,12,baroque,,\n"
    )
    with pytest.raises(CommandError, match="1 invalid row"):
        run(path)
    assert not Score.objects.exists()


def test_json_with_collections_keeps_member_order_and_derives_score_ids(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(
        json.dumps(
            {
                "scores": [
                    {
                        "key": f"s{n}",
                        "title": f"Piece {n}",
                        "composer": "Chopin",
                        "instrument": "piano",
                        "difficulty": "beginner",
                    }
                    for n in range(3)
                ],
                "collections": [
                    {
                        "slug": "firsts",
                        "name": "Firsts",
                        "is_featured": True,
                        "scores": ["s2", "s0"],
                    }
                ],
            }
        )
    )
    run(path)
    collection = Collection.objects.get(slug="firsts")
    by_key = dict(Score.objects.values_list("catalogue_key", "id"))
    assert collection.score_ids == [by_key["s2"], by_key["s0"]]
    assert "collections 0 created, 0 updated, 1 kept" in run(path)


def test_an_unknown_collection_member_writes_nothing(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(
        json.dumps({"scores": [], "collections": [{"slug": "x", "name": "X", "scores": ["nope"]}]})
    )
    with pytest.raises(CommandError):
        run(path)
    assert not Collection.objects.exists()


def test_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "k1,Piece,Bach,,piano,beginner,2,baroque,,\n")
    assert "would have 1 created" in run(path, "--dry-run")
    assert not Score.objects.exists()


def test_the_demo_catalogue_loads_at_least_150_real_works_with_their_collections():
    run("scores/demo/catalogue.csv")
    run("scores/demo/collections.json")
    scores = Score.objects.all()
    assert scores.count() >= 150
    assert set(scores.values_list("instrument", flat=True)) == {"piano", "guitar"}
    assert not scores.filter(difficulty_level__isnull=True).exists()
    assert (
        scores.exclude(imslp_url="").filter(imslp_url__startswith="https://imslp.org/wiki/").count()
        >= 150
    )
    assert Collection.objects.filter(is_featured=True).count() >= 3
    for collection in Collection.objects.all():
        assert len(collection.score_ids) == collection.members.count() > 0


@pytest.mark.parametrize(
    "content", ['"just text"', "5", "null", '{"scores": "abc"}', '{"collections": {"a": 1}}']
)
def test_a_json_file_of_the_wrong_shape_is_a_command_error_that_writes_nothing(tmp_path, content):
    path = tmp_path / "catalogue.json"
    path.write_text(content)

    with pytest.raises(CommandError, match="cannot read"):
        run(path)

    assert not Score.objects.exists() and not Collection.objects.exists()


def test_a_csv_field_beyond_the_csv_size_limit_is_a_command_error_that_writes_nothing(tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_text(HEADER + "k1," + "x" * 200_000 + ",Sor,,guitar,beginner,2,,,\n")

    with pytest.raises(CommandError, match="cannot read"):
        run(path)

    assert not Score.objects.exists()


def test_an_import_that_adds_scores_leaves_fresh_planner_statistics(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER + "".join(f"k{n},Étude {n},Sor,,guitar,beginner,1,,,\n" for n in range(5))
    )
    run(path)
    assert planner_row_count(DB, Score._meta.db_table) == 5

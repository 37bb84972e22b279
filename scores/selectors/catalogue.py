"""The catalogue query: one builder for list, search, random and popular, always on top of
the visibility rule, so no read path can forget it (reference §5 and §9.4 item 2). Also the
catalogue reads other apps make: composers and titles for autocomplete, candidates by level
for recommendations."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from scores import caching
from scores.composers import canonical_composer
from scores.models import TEXT_SEARCH, Score
from scores.selectors.scores import (
    ROW_FIELDS,
    score_items,
    score_items_page,
    scores_visible_to,
)
from scores.text import fold
from scores.visibility import is_staff, viewer_id

ORDERINGS = ("title", "composer", "difficulty", "createdAt", "popularity")
_DIFFICULTY_RANK = Case(
    When(difficulty=Score.Difficulty.BEGINNER, then=Value(0)),
    When(difficulty=Score.Difficulty.INTERMEDIATE, then=Value(1)),
    When(difficulty=Score.Difficulty.ADVANCED, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)
_POPULARITY = Coalesce(F("analytics__view_count"), 0) + Coalesce(F("analytics__download_count"), 0)


@dataclass(frozen=True)
class CatalogueQuery:
    """Validated filters (see scores.api.params.CatalogueParams for the wire names)."""

    instrument: str = ""
    difficulty: str = ""
    min_level: int | None = None
    max_level: int | None = None
    style_period: str = ""
    composer: str = ""
    tags: tuple[str, ...] = ()
    max_duration: int | None = None
    grade_level: str = ""
    q: str = ""
    ordering: str = ""
    mine: bool = False


def _instrument_q(instrument: str) -> Q:
    if instrument in (Score.Instrument.PIANO, Score.Instrument.GUITAR):
        return Q(instrument__in=[instrument, Score.Instrument.BOTH])
    return Q(instrument=instrument)


def _composer_q(composer: str) -> Q:
    wanted = {fold(composer), fold(canonical_composer(composer))} - {""}
    match = Q()
    for text in wanted:
        match |= Q(search_composer__contains=text)
    return match


def _tags_q(tags: tuple[str, ...]) -> Q:
    match = Q()
    for tag in tags:
        match |= Q(search_tags__contains=f"|{fold(tag)}|")
    return match


def _text_q(words: list[str]) -> Q:
    match = TEXT_SEARCH.containing(words, columns=("search_text",))
    for word in words:
        match &= Q(search_text__contains=word)
    return match


def _filters(query: CatalogueQuery, user: Any) -> Q:
    conditions = Q()
    pairs = [
        (query.instrument, lambda: _instrument_q(query.instrument)),
        (query.difficulty, lambda: Q(difficulty=query.difficulty)),
        (query.min_level is not None, lambda: Q(difficulty_level__gte=query.min_level)),
        (query.max_level is not None, lambda: Q(difficulty_level__lte=query.max_level)),
        (query.style_period, lambda: Q(style_period=query.style_period)),
        (query.composer.strip(), lambda: _composer_q(query.composer)),
        (query.tags, lambda: _tags_q(query.tags)),
        (query.max_duration is not None, lambda: Q(duration_seconds__lte=query.max_duration)),
        (query.grade_level, lambda: Q(grade_level__iexact=query.grade_level)),
        (query.mine, lambda: Q(user_id=str(getattr(user, "pk", "")))),
    ]
    for active, build in pairs:
        if active:
            conditions &= build()
    return conditions


def _order(queryset: QuerySet[Score], ordering: str) -> QuerySet[Score]:
    descending = ordering.startswith("-")
    name = ordering.lstrip("-") or "createdAt"
    if name == "popularity":
        queryset = queryset.annotate(popularity=_POPULARITY)
        keys = ["popularity", "title"] if not descending else ["-popularity", "title"]
    elif name == "difficulty":
        queryset = queryset.annotate(difficulty_rank=_DIFFICULTY_RANK)
        keys = ["difficulty_rank", "difficulty_level", "search_title"]
        keys = [f"-{key}" for key in keys] if descending else keys
    else:
        column = {"title": "search_title", "composer": "search_composer"}.get(name, "created_at")
        keys = [f"-{column}" if descending else column, "search_title"]
    return queryset.order_by(*keys, "id")


def catalogue_search(*, query: CatalogueQuery, user: Any) -> QuerySet[Score]:
    """Visible scores matching the filters; with `q`, title matches rank first.

    Text matching runs on folded columns, so accents and case are ignored on every database.
    Without an explicit ordering, results are by relevance when `q` is set (title starts with
    the query, title contains it, title holds every word, composer matches, other fields), and
    newest first otherwise.
    """
    queryset = scores_visible_to(user).filter(_filters(query, user))
    words = fold(query.q).split()
    ordering = query.ordering
    if words:
        phrase = " ".join(words)
        queryset = queryset.filter(_text_q(words)).annotate(
            rank=Case(
                When(search_title__startswith=phrase, then=Value(0)),
                When(search_title__contains=phrase, then=Value(1)),
                When(_all_in_title(words), then=Value(2)),
                When(search_composer__contains=phrase, then=Value(3)),
                default=Value(4),
                output_field=IntegerField(),
            )
        )
        if not ordering:
            return queryset.order_by("rank", "search_title", "id")
    return _order(queryset, ordering or "-createdAt")


def _all_in_title(words: list[str]) -> Q:
    match = Q()
    for word in words:
        match &= Q(search_title__contains=word)
    return match


def catalogue_page(
    *, query: CatalogueQuery, user: Any, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of `catalogue_search` as list items, and the total; through the catalogue
    cache (scores.caching), except by popularity, which every view of a score moves."""
    read = partial(_catalogue_page, query=query, user=user, limit=limit, offset=offset)
    if query.ordering.lstrip("-") == "popularity":
        return read()
    viewer = viewer_id(user)
    return caching.catalogue_page(
        parts=(repr(query), str(limit), str(offset), *ROW_FIELDS),
        viewer=viewer,
        staff=is_staff(user),
        owns_scores=lambda: Score.objects.filter(user_id=viewer).exists(),
        read=read,
    )


def _catalogue_page(
    *, query: CatalogueQuery, user: Any, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    scores, viewer = catalogue_search(query=query, user=user), viewer_id(user)
    if query.q:
        # Ranked by relevance: the page's sort reads every match, so the total comes along.
        return score_items_page(scores, viewer=viewer, offset=offset, limit=limit)
    # Ordered by columns, the page can stop early (an index, a top-N sort); counting in the
    # same query would read every match in full (benchmark: 7 ms -> 18 ms on 10k scores).
    return score_items(scores[offset : offset + limit], viewer=viewer), scores.count()


def popular_scores(*, user: Any) -> QuerySet[Score]:
    """Visible scores by views + downloads (score_analytics), most popular first."""
    return _order(scores_visible_to(user), "-popularity")


def popular_page(*, user: Any, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """One page of `popular_scores` as list items, and the total."""
    scores = popular_scores(user=user)
    return score_items(scores[offset : offset + limit], viewer=viewer_id(user)), scores.count()


def random_score(*, query: CatalogueQuery, user: Any) -> Score | None:
    """One visible score matching the filters, uniformly at random (count + offset, which
    stays cheap on large tables where ORDER BY RANDOM() would sort them all)."""
    queryset = catalogue_search(query=query, user=user).order_by("id")
    total = queryset.count()
    return queryset[random.randrange(total)] if total else None


def composers_visible(*, user: Any) -> set[str]:
    """Distinct composer names (as stored) of the scores `user` may see listed."""
    return set(scores_visible_to(user).values_list("composer", flat=True).distinct())


def catalogue_titles_matching(
    *, user: Any, query: str, limit: int
) -> list[tuple[str, str, str, str, str]]:
    """(id, title, composer, grade_level, instrument) of the listed scores whose folded title
    contains the folded `query`, by folded title then id, at most `limit`."""
    rows = (
        scores_visible_to(user)
        .filter(TEXT_SEARCH.containing([fold(query)], columns=("search_title",)))
        .filter(search_title__contains=fold(query))
        .order_by("search_title", "id")
        .values_list("id", "title", "composer", "grade_level", "instrument")
    )
    return list(rows[:limit])


def catalogue_at_levels(
    *,
    user: Any,
    low: int,
    high: int,
    difficulties: list[str],
    instrument: str | None,
    excluded: frozenset[str],
    fields: tuple[str, ...],
    limit: int,
) -> list[dict[str, Any]]:
    """`fields` of listed catalogue scores (no owner) at a level in [low, high], or without a
    level but with one of `difficulties`; for `instrument` (or both) when given; none whose id
    or normalized id is in `excluded`. By id, at most `limit`."""
    rows = (
        scores_visible_to(user)
        .filter(user_id="")
        .filter(
            Q(difficulty_level__range=(low, high))
            | Q(difficulty_level__isnull=True, difficulty__in=difficulties)
        )
    )
    if instrument:
        rows = rows.filter(instrument__in=(instrument, Score.Instrument.BOTH))
    rows = rows.exclude(pk__in=excluded).exclude(normalized_id__in=excluded)
    return list(rows.order_by("id").values(*fields)[:limit])

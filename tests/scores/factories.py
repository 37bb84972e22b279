from __future__ import annotations

import factory

from scores.models import (
    Collection,
    CollectionMember,
    Score,
    ScoreAnalytics,
    ScorePage,
    ScoreVersion,
    UserCollection,
)


class ScoreFactory(factory.django.DjangoModelFactory):
    """A public catalogue score by default; pass user_id and visibility for an upload."""

    class Meta:
        model = Score

    title = factory.Sequence(lambda n: f"Study No. {n}")
    composer = "Fernando Sor"
    instrument = Score.Instrument.GUITAR
    difficulty = Score.Difficulty.BEGINNER
    difficulty_level = 2
    visibility = "public"


class ScoreVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoreVersion

    score = factory.SubFactory(ScoreFactory)
    format = ScoreVersion.Format.PDF
    file = factory.LazyAttribute(lambda o: f"scores/{o.score.id}/original.pdf")


class ScorePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScorePage

    score = factory.SubFactory(ScoreFactory)
    page_number = factory.Sequence(lambda n: n + 1)
    image = factory.LazyAttribute(lambda o: f"scores/{o.score.id}/pages/{o.page_number}.webp")


class ScoreAnalyticsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoreAnalytics

    score = factory.SubFactory(ScoreFactory)


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    name = factory.Sequence(lambda n: f"Curated {n}")
    slug = factory.Sequence(lambda n: f"curated-{n}")


class UserCollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserCollection

    user_id = "someone"
    name = factory.Sequence(lambda n: f"Mine {n}")
    slug = factory.Sequence(lambda n: f"mine-{n}")


class CollectionMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionMember

    score = factory.SubFactory(ScoreFactory)

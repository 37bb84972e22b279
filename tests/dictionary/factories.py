from __future__ import annotations

import factory

from dictionary.models import DictionaryEntry, ManualReview, SeedQueue
from dictionary.normalize import normalize_term


def definition_for(term: str) -> dict:
    return {
        "concise": f"{term}: a concise definition of this term.",
        "detailed": f"{term} is explained here at length for the tests of the dictionary.",
        "etymology": "From the test suite.",
        "pronunciation": {"ipa": "tɛst"},
        "usage_example": f"Play it {term.lower()}.",
    }


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DictionaryEntry

    term = factory.Sequence(lambda n: f"Term {n}")
    lang = "en"
    type = "general"
    definition = factory.LazyAttribute(lambda o: definition_for(o.term))
    metadata = factory.LazyFunction(dict)
    overall_score = 80
    status = "published"
    source = "staff"


class QueueItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeedQueue

    term = factory.Sequence(lambda n: f"Queued term {n}")
    normalized_term = factory.LazyAttribute(lambda o: normalize_term(o.term))
    lang = "en"
    priority = 5
    status = "pending"
    source = "seed"


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManualReview

    term = factory.Sequence(lambda n: f"Reviewed term {n}")
    normalized_term = factory.LazyAttribute(lambda o: normalize_term(o.term))
    lang = "en"
    type = "tempo"
    generated_content = factory.LazyAttribute(
        lambda o: {"definition": definition_for(o.term), "metadata": {}, "references": {}}
    )
    quality_score = 40
    reason = "Quality 40 is below the publish threshold 75."

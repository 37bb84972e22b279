"""mirubato.generations.Generation: values count only under the generation they were kept
under, and a bump drops them all, now and again when the writer commits."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from mirubato.generations import Generation


@pytest.fixture
def gen() -> Generation:
    return Generation("test:gen")


def test_a_fresh_generation_starts_from_the_clock(gen):
    before = time.time_ns()
    assert gen.current() >= before and cache.get("test:gen") == gen.current()


def test_values_kept_under_the_current_generation_are_read_back(gen):
    generation, _ = gen.read("a")
    gen.keep("a", {"x": 1}, generation=generation, timeout=60)
    gen.keep("b", False, generation=generation, timeout=60)  # a falsy value is still found
    assert gen.read("a", "b", "c") == (generation, {"a": {"x": 1}, "b": False})


def test_a_bump_drops_every_kept_value(gen):
    generation, _ = gen.read("a")
    gen.keep("a", 1, generation=generation, timeout=60)
    gen.bump()
    assert gen.read("a") == (generation + 1, {})


def test_what_was_read_before_a_bump_and_kept_after_it_is_dead(gen):
    generation, _ = gen.read("a")
    gen.bump()  # a writer commits while the reader is at the database
    gen.keep("a", "old rows", generation=generation, timeout=60)
    assert gen.read("a")[1] == {}


def test_an_evicted_generation_restarts_above_every_kept_value(gen):
    generation, _ = gen.read("a")
    gen.keep("a", 1, generation=generation, timeout=60)
    cache.delete("test:gen")
    restarted, fresh = gen.read("a")
    assert restarted > generation and fresh == {}


@pytest.mark.django_db
def test_a_writer_bumps_now_and_again_on_commit(gen, django_capture_on_commit_callbacks):
    start = gen.current()
    with django_capture_on_commit_callbacks(execute=True):
        gen.bump_now_and_on_commit(using="default")
        assert gen.current() == start + 1
    assert gen.current() == start + 2

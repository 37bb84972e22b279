from __future__ import annotations

import pytest

from tests.dictionary.standin import StandInServer


@pytest.fixture
def ai_server(settings):
    """The stand-in provider on 127.0.0.1, configured as DICTIONARY_AI_URL for the test."""
    server = StandInServer().start()
    settings.DICTIONARY_AI_URL = server.url
    settings.DICTIONARY_AI_KEY = "test-key"
    settings.DICTIONARY_AI_MODEL = "stand-in-model"
    settings.DICTIONARY_AI_TIMEOUT = 0.3
    settings.DICTIONARY_PUBLISH_THRESHOLD = 75
    settings.DICTIONARY_MAX_ATTEMPTS = 3
    settings.DICTIONARY_DAILY_TOKEN_BUDGET = 100_000
    settings.DICTIONARY_TOKENS_PER_CALL_ESTIMATE = 600
    yield server
    server.stop()


@pytest.fixture
def no_provider(settings):
    settings.DICTIONARY_AI_URL = ""

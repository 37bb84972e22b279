from __future__ import annotations

import pytest
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from mirubato.api.pagination import page_body, page_params


def request_with(query: str) -> Request:
    return Request(APIRequestFactory().get(f"/api/x?{query}"))


def test_defaults_are_limit_20_offset_0():
    assert page_params(request_with("")) == (20, 0)


def test_limit_above_the_maximum_is_capped_at_100():
    assert page_params(request_with("limit=5000&offset=7")) == (100, 7)


@pytest.mark.parametrize(
    "query", ["limit=abc", "limit=-1", "offset=-5", "offset=1.5", "offset=99999999999999999999"]
)
def test_bad_limit_or_offset_is_rejected(query):
    with pytest.raises(ValidationError) as excinfo:
        page_params(request_with(query))
    assert set(excinfo.value.detail) <= {"limit", "offset"}


def test_page_body_reports_more_pages():
    assert page_body([1, 2], total=5, limit=2, offset=0) == {
        "items": [1, 2],
        "total": 5,
        "limit": 2,
        "offset": 0,
        "has_more": True,
    }
    assert page_body([5], total=5, limit=2, offset=4)["has_more"] is False

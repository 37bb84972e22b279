"""ParamsSerializer: query-parameter serializers whose fields are shallow copies of the
declared ones (mirubato.api.inputs)."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from mirubato.api.inputs import ParamsSerializer, validated


class _Params(ParamsSerializer):
    kind = serializers.ChoiceField(choices=["a", "b"], default="a")
    size = serializers.IntegerField(source="page_size", min_value=1, max_value=10, default=5)


def test_each_instance_binds_fields_of_its_own():
    first, second = _Params(data={}), _Params(data={})
    assert first.fields["kind"] is not second.fields["kind"]
    assert first.fields["kind"].parent is first and second.fields["kind"].parent is second


def test_the_declared_fields_stay_unbound():
    _Params(data={}).is_valid()
    declared = _Params._declared_fields["size"]
    assert declared.parent is None and declared.field_name is None


def test_values_and_sources_are_read_as_declared():
    assert validated(_Params, QueryDict("kind=b&size=7")) == {"kind": "b", "page_size": 7}


def test_an_invalid_value_after_a_valid_request_is_still_refused():
    validated(_Params, QueryDict("size=3"))
    with pytest.raises(ValidationError) as raised:
        validated(_Params, QueryDict("size=11"))
    assert "size" in raised.value.detail


def test_a_field_with_children_is_refused_when_the_class_is_defined():
    with pytest.raises(TypeError, match="ids"):

        class _Nested(ParamsSerializer):
            ids = serializers.ListField(child=serializers.IntegerField())

"""STORAGE_URL (mirubato/settings.py, docs/deploy.md "Files"): unset is the filesystem under
MEDIA_ROOT; s3://bucket[/prefix]?... is django-storages' S3 backend with private objects, signed
URLs only, explicit endpoint, timeouts and retries; anything else stops the start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from mirubato.settings import file_storage
from tests.mirubato.deployment import ROOT


def test_without_a_url_files_live_under_media_root_and_are_overwritten_in_place():
    assert file_storage("") == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"allow_overwrite": True},
    }


def test_an_s3_url_names_bucket_prefix_endpoint_region_and_limits():
    config = file_storage(
        "s3://scores-bucket/media/?endpoint=https://s3.internal:9000&region=eu-west-1"
        "&connect_timeout=2&read_timeout=30&max_attempts=4"
    )
    options = config["OPTIONS"]
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (options["bucket_name"], options["location"]) == ("scores-bucket", "media")
    assert options["endpoint_url"] == "https://s3.internal:9000"
    assert options["region_name"] == "eu-west-1"
    assert options["default_acl"] is None and options["querystring_auth"] is True
    assert options["querystring_expire"] == 300  # the admin's links, for staff only
    client = options["client_config"]
    assert (client.connect_timeout, client.read_timeout) == (2.0, 30.0)
    assert client.retries == {"max_attempts": 4, "mode": "standard"}
    assert client.s3 == {"addressing_style": "path"}  # a custom endpoint: path style


def test_aws_itself_needs_only_the_bucket():
    options = file_storage("s3://scores-bucket")["OPTIONS"]
    assert options["endpoint_url"] is None and options["location"] == ""
    assert options["client_config"].s3 == {"addressing_style": "auto"}
    assert options["client_config"].connect_timeout == 5.0


@pytest.mark.parametrize(
    "url",
    [
        "gs://scores-bucket",  # another scheme
        "s3://",  # no bucket
        "s3://key:secret@scores-bucket",  # credentials belong to AWS's own variables
        "s3://scores-bucket?endpoint=http://x&regoin=eu-west-1",  # a typo is not ignored
    ],
)
def test_anything_else_is_refused(url):
    with pytest.raises(ImproperlyConfigured, match="STORAGE_URL must be"):
        file_storage(url)


def test_a_bad_url_stops_the_process_at_start_up(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "STORAGE_URL": "s3://k:s@bucket", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "STORAGE_URL must be s3://<bucket>[/<prefix>]" in result.stderr

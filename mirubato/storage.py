"""Stored files as every app uses them, on whichever backend `STORAGE_URL` chose (the
filesystem under MEDIA_ROOT, or an S3 bucket every host shares; docs/deploy.md, "Files").

- `storage_errors()`: a backend failure (S3 unreachable, refused, misconfigured; a disk that
  cannot be written) becomes `StorageUnavailable`, a 503 in the error envelope. A missing object
  stays a `FileNotFoundError`, which callers answer as they see fit.
- `open_stream(name)`: an object to read in chunks. On S3 that is one GET whose body is read as
  it arrives; django-storages' own `open()` would first copy the whole object into memory.
- `delete(name)` and `walk(prefix)`: removal, and every stored name under a prefix with its
  modification time (one flat, paginated listing on S3).

The API never hands out an object's URL: its views stream objects after their permission
check. (The admin's links to a stored file, for staff, are presigned for five minutes.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import default_storage

from mirubato.api.errors import ServiceUnavailable

# S3 answers these for an object that is not there (GET says NoSuchKey, HEAD only "404"). A
# missing bucket (NoSuchBucket) is a misconfigured store: unavailable, not a missing file.
MISSING_CODES = {"NoSuchKey", "404", "NotFound"}


class StorageUnavailable(ServiceUnavailable):
    def __init__(self) -> None:
        super().__init__("File storage is unavailable; please retry shortly.", service="storage")


@contextmanager
def storage_errors(name: str = "") -> Iterator[None]:
    """Runs one storage call: a missing object raises FileNotFoundError, any other backend
    failure StorageUnavailable (chained to the cause, which the log shows)."""
    try:
        yield
    except FileNotFoundError:
        raise
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") in MISSING_CODES:
            raise FileNotFoundError(name) from exc
        raise StorageUnavailable() from exc
    except (BotoCoreError, OSError) as exc:
        raise StorageUnavailable() from exc


def is_s3() -> bool:
    return hasattr(default_storage, "bucket_name")


def _s3_key(name: str) -> str:
    from storages.utils import clean_name

    return default_storage._normalize_name(clean_name(name))


class StoredFile:
    """A stored object opened for reading: `read(n)` in chunks, `size` in bytes, `close()`."""

    def __init__(self, raw: IO[bytes] | Any, size: int | None) -> None:
        self._raw = raw
        self.size = size

    def read(self, amount: int | None = -1) -> bytes:
        with storage_errors():
            return self._raw.read(None if amount is None or amount < 0 else amount)

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> StoredFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_stream(name: str) -> StoredFile:
    with storage_errors(name):
        if is_s3():
            client = default_storage.connection.meta.client
            reply = client.get_object(Bucket=default_storage.bucket_name, Key=_s3_key(name))
            return StoredFile(reply["Body"], reply.get("ContentLength"))
        handle = default_storage.open(name, "rb")
        return StoredFile(handle, handle.size)


def delete(name: str) -> None:
    """Removes an object; removing one that is not there is no error on either backend."""
    with storage_errors(name):
        default_storage.delete(name)


@dataclass(frozen=True)
class Entry:
    name: str
    modified: datetime


def walk(prefix: str = "") -> Iterator[Entry]:
    """Every stored name under `prefix/` (everything when it is empty), in name order."""
    with storage_errors(prefix):
        yield from _walk_s3(prefix.strip("/")) if is_s3() else _walk_dirs(prefix.strip("/"))


def _walk_s3(prefix: str) -> Iterator[Entry]:
    location = default_storage.location.strip("/")
    root = "/".join(part for part in (location, prefix) if part)
    root = f"{root}/" if root else ""
    strip = len(location) + 1 if location else 0  # names are relative to the location
    pages = default_storage.connection.meta.client.get_paginator("list_objects_v2").paginate(
        Bucket=default_storage.bucket_name, Prefix=root
    )
    for page in pages:
        for item in page.get("Contents", ()):
            yield Entry(item["Key"][strip:], item["LastModified"])


def _walk_dirs(folder: str) -> Iterator[Entry]:
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted([*directories, *files]):
        path = f"{folder}/{name}" if folder else name
        if name in directories:
            yield from _walk_dirs(path)
        else:
            yield Entry(path, default_storage.get_modified_time(path))

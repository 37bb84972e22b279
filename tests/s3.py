"""A real S3 server for the suite: moto's own server (`moto[server]`, requirements-dev.txt) run
as a process on 127.0.0.1, never a mocked client. Nothing leaves loopback: every client is
given the server's endpoint, credentials are dummies, and instance-metadata lookups are off
(`AWS_ENV`), so boto3 never looks for an AWS endpoint or a role.

`Gate` is a loopback relay in front of the server: closing it is an outage as the app sees one
(connections refused, open ones cut) while the server, and so the bucket's contents, stay up
for the test to inspect.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
REGION = "us-east-1"
# What every process that talks to the test server gets: dummy credentials, no config files,
# no instance metadata (IMDS), no endpoint, role or proxy from the developer's shell.
AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    # An HTTP(S)_PROXY in the shell must never carry loopback S3 traffic elsewhere.
    "NO_PROXY": "127.0.0.1,localhost",
    "no_proxy": "127.0.0.1,localhost",
}
AWS_UNSET = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
)


def aws_env(base: dict[str, str]) -> dict[str, str]:
    """`base` with the sandboxed AWS settings above."""
    env = {k: v for k, v in base.items() if k not in AWS_UNSET}
    return {**env, **AWS_ENV}


@contextlib.contextmanager
def aws_sandbox() -> Iterator[None]:
    """This process's environment sandboxed as `aws_env` says, restored afterwards."""
    names = (*AWS_ENV, *AWS_UNSET)
    saved = {name: os.environ[name] for name in names if name in os.environ}
    for name in AWS_UNSET:
        os.environ.pop(name, None)
    os.environ.update(AWS_ENV)
    try:
        yield
    finally:
        for name in names:
            os.environ.pop(name, None)
        os.environ.update(saved)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class MotoServer:
    """`python -m moto.server` on a free loopback port."""

    def __init__(self, log: Path) -> None:
        self.port = free_port()
        self.endpoint = f"http://{HOST}:{self.port}"
        self._log = log
        self._process: subprocess.Popen | None = None

    def start(self) -> MotoServer:
        command = [sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(self.port)]
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(
                command, env=aws_env(dict(os.environ)), stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=2):
                    return self
            except OSError:
                if self._process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"moto did not start: {self._log.read_text()}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def client(self, endpoint: str | None = None) -> Any:
        import boto3

        assert (endpoint or self.endpoint).startswith(f"http://{HOST}:")
        return boto3.client(
            "s3",
            endpoint_url=endpoint or self.endpoint,
            region_name=REGION,
            aws_access_key_id=AWS_ENV["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=AWS_ENV["AWS_SECRET_ACCESS_KEY"],
        )

    def bucket(self, *, versioned: bool = False) -> Bucket:
        return Bucket(self, f"mirubato-test-{uuid.uuid4().hex[:12]}", versioned=versioned)


class Bucket:
    """A bucket of its own on the server, and a direct client to look into it."""

    def __init__(self, server: MotoServer, name: str, *, versioned: bool) -> None:
        self.server, self.name = server, name
        self.client = server.client()
        self.client.create_bucket(Bucket=name)
        if versioned:
            self.client.put_bucket_versioning(
                Bucket=name, VersioningConfiguration={"Status": "Enabled"}
            )

    def url(self, endpoint: str | None = None, **query: str) -> str:
        """The STORAGE_URL the app is configured with."""
        params = {"endpoint": endpoint or self.server.endpoint, "region": REGION, **query}
        return f"s3://{self.name}?" + "&".join(f"{k}={v}" for k, v in params.items())

    def keys(self, prefix: str = "") -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Prefix=prefix
        )
        return sorted(item["Key"] for page in pages for item in page.get("Contents", ()))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def put(self, key: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.name, Key=key, Body=data)

    def versions(self, prefix: str = "") -> tuple[dict[str, int], list[str]]:
        """How many versions each key was written as, and the keys with delete markers."""
        counts: dict[str, int] = {}
        markers: list[str] = []
        pages = self.client.get_paginator("list_object_versions").paginate(
            Bucket=self.name, Prefix=prefix
        )
        for page in pages:
            for item in page.get("Versions", ()):
                counts[item["Key"]] = counts.get(item["Key"], 0) + 1
            markers += [item["Key"] for item in page.get("DeleteMarkers", ())]
        return counts, markers

    def public_grants(self, key: str) -> list[dict[str, Any]]:
        """Grants of the object to anyone but its owner (AllUsers, AuthenticatedUsers)."""
        grants = self.client.get_object_acl(Bucket=self.name, Key=key)["Grants"]
        return [grant for grant in grants if grant["Grantee"].get("Type") == "Group"]

    def empty(self) -> None:
        pages = self.client.get_paginator("list_object_versions").paginate(Bucket=self.name)
        for page in pages:
            for item in [*page.get("Versions", ()), *page.get("DeleteMarkers", ())]:
                self.client.delete_object(
                    Bucket=self.name, Key=item["Key"], VersionId=item["VersionId"]
                )

    def destroy(self) -> None:
        self.empty()
        self.client.delete_bucket(Bucket=self.name)


class Gate:
    """A TCP relay from a loopback port to the S3 server that can be closed and reopened."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream = (HOST, upstream_port)
        self.port = free_port()
        self.endpoint = f"http://{HOST}:{self.port}"
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    def open(self) -> Gate:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def close(self) -> None:
        """The outage: the port refuses connections and the open ones are cut."""
        listener, self._listener = self._listener, None
        if listener:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() on Linux
            listener.close()
        with self._lock:
            sockets, self._open = self._open, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.upstream)
            with self._lock:
                self._open |= {client, upstream}
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            with self._lock:
                self._open -= {source, target}

"""Runs the benchmarks: `python -m bench` (all) or `python -m bench api sync` (some)."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile
from pathlib import Path

from bench.harness import Harness, configure_databases, drop_pg_databases, unlimited_throttles


def main(selected: list[str]) -> int:
    vendor = configure_databases()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mirubato.settings")
    os.environ.setdefault("DEBUG", "False")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnop")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "False")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Production mode serves collected static files; a bench run has none to serve.
    os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="mirubato-bench-static-"))
    for name, rate in unlimited_throttles().items():
        os.environ.setdefault(name, rate)
    import django
    from django.core.management import call_command

    django.setup()
    for alias in ("default", "scores", "dictionary"):
        call_command("migrate", database=alias, verbosity=0)

    folder = Path(__file__).parent
    names = sorted(
        m.name[len("bench_") :]
        for m in pkgutil.iter_modules([str(folder)])
        if m.name.startswith("bench_")
    )
    names = [n for n in names if not selected or n in selected]
    harness = Harness(vendor)
    print(f"Benchmarks on {vendor} ({len(names)}: {', '.join(names)})\n", flush=True)
    try:
        for name in names:
            print(f"[{name}]", flush=True)
            importlib.import_module(f"bench.bench_{name}").run(harness)
            print(flush=True)
    finally:
        drop_pg_databases()
    print(f"{len(harness.rows)} figure(s) reported.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Running work in real threads (each with its own database connection) for race tests."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections


def run_in_threads(work: list[Callable[[], Any]], *, timeout: float = 60) -> list[Any]:
    """Starts every callable at once (a barrier), waits for all, re-raises the first error."""
    barrier = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)
    errors: list[BaseException] = []

    def runner(position: int, fn: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[position] = fn()
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=item) for item in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    if errors:
        raise errors[0]
    return results

"""Named one-shot timers for a socket (auth deadline, token expiry, idle check, lease renewal).

Loop timers rather than a task per socket: an idle socket costs no wake-ups between deadlines.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)


class Timers:
    def __init__(self) -> None:
        self.handles: dict[str, asyncio.TimerHandle] = {}
        self.tasks: set[asyncio.Task] = set()

    def at(self, name: str, delay: float, action: Callable[[], Awaitable[None]]) -> None:
        """Run `action` in `delay` seconds, replacing any pending timer of the same name."""
        self.cancel(name)
        loop = asyncio.get_running_loop()
        self.handles[name] = loop.call_later(max(delay, 0), self._start, name, action)

    def _start(self, name: str, action: Callable[[], Awaitable[None]]) -> None:
        self.handles.pop(name, None)
        task = asyncio.ensure_future(self._run(name, action))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    @staticmethod
    async def _run(name: str, action: Callable[[], Awaitable[None]]) -> None:
        try:
            await action()
        except Exception:  # a timer must never take the event loop's other sockets down
            logger.exception("realtime timer %s failed", name)

    def cancel(self, name: str) -> None:
        handle = self.handles.pop(name, None)
        if handle is not None:
            handle.cancel()

    def cancel_all(self) -> None:
        for name in list(self.handles):
            self.cancel(name)
        for task in list(self.tasks):
            if task is not asyncio.current_task():
                task.cancel()

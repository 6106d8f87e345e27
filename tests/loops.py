"""Whether work ran on the event loop: for tests that CPU-heavy work goes to a thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


def recorded(real: Callable[..., Any], loops: list[bool]) -> Callable[..., Any]:
    """`real`, appending to `loops` on each call whether it ran on an event loop."""

    def call(*args: Any) -> Any:
        try:
            asyncio.get_running_loop()
            loops.append(True)
        except RuntimeError:
            loops.append(False)
        return real(*args)

    return call

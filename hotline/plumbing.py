"""Standard-library steps every part repeats: stopping a background task, making a
rename durable. A shared leaf: telephony, asr and ticketing may all import it, so it
imports nothing of the project."""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path
from typing import Any


async def cancel_and_wait(*tasks: asyncio.Task[Any] | None) -> None:
    """Cancel every task (None: not started) and wait until each has stopped; a task that
    ends by its cancellation is not an error."""
    running = [task for task in tasks if task is not None]
    for task in running:
        task.cancel()
    for task in running:
        with contextlib.suppress(asyncio.CancelledError):
            await task


def fsync_directory(folder: Path) -> None:
    """Flush a directory entry (a file just created or renamed in `folder`) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

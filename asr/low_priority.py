"""Run background work at a lower CPU priority than live decoding (Linux per-thread nice).

The live graph switch (probe, load, calibration: seconds of CPU) shares the decode cores
with the calls in progress. Each call runs on a thread of its own, started for it and
ended after it: a raised nice value cannot be lowered again without privileges, and a
thread (or child process) started from it inherits it, so no pooled thread that later
decodes a call may ever carry it. Where per-thread priorities are unavailable the work
runs at normal priority.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

MAX_NICE = 19


def thread_nice(native_id: int | None = None) -> int:
    """The nice value of a thread of this process (default: the calling thread)."""
    tid = threading.get_native_id() if native_id is None else native_id
    return os.getpriority(os.PRIO_PROCESS, tid)


def lower_this_thread(by: int) -> int:
    """Raise the calling thread's nice value by `by` (capped at 19); its new value.
    On Linux PRIO_PROCESS with a thread id sets that thread alone."""
    if by <= 0 or not sys.platform.startswith("linux"):
        return thread_nice() if hasattr(os, "getpriority") else 0
    tid = threading.get_native_id()
    target = min(MAX_NICE, os.getpriority(os.PRIO_PROCESS, tid) + by)
    try:
        os.setpriority(os.PRIO_PROCESS, tid, target)
    except OSError as exc:  # e.g. a seccomp profile that refuses it: work on unchanged
        log.warning("ASR: could not lower the graph switch's CPU priority (%s)", exc)
    return os.getpriority(os.PRIO_PROCESS, tid)


async def run_niced(nice: int, fn: Callable[..., T], *args: object, name: str) -> T:
    """`fn(*args)` on a new thread `name` whose nice value is raised by `nice` (0: normal
    priority); the thread ends with the call, so nothing else ever runs at its priority."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if done.cancelled():
            return
        if error is not None:
            done.set_exception(error)
        else:
            done.set_result(result)  # type: ignore[arg-type]

    def body() -> None:
        try:
            lower_this_thread(nice)
            result = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting coroutine
            outcome: tuple[T | None, BaseException | None] = (None, exc)
        else:
            outcome = (result, None)
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody waits
            loop.call_soon_threadsafe(settle, *outcome)

    threading.Thread(target=body, name=name, daemon=True).start()
    return await done

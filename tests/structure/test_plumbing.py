"""The shared leaf hotline.plumbing: stopping background tasks, durable directory entries."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hotline.plumbing import cancel_and_wait, fsync_directory


def test_cancel_and_wait_stops_every_task_and_skips_none() -> None:
    stopped: list[str] = []

    async def forever(name: str) -> None:
        try:
            await asyncio.Event().wait()
        finally:
            stopped.append(name)

    async def main() -> tuple[bool, bool]:
        a = asyncio.create_task(forever("a"))
        b = asyncio.create_task(forever("b"))
        await asyncio.sleep(0)
        await cancel_and_wait(a, None, b)  # returns, does not raise CancelledError
        return a.cancelled(), b.cancelled()

    assert asyncio.run(main()) == (True, True)
    assert sorted(stopped) == ["a", "b"]


def test_cancel_and_wait_on_a_finished_task_is_harmless() -> None:
    async def main() -> int:
        done = asyncio.create_task(asyncio.sleep(0, result=7))
        await done
        await cancel_and_wait(done)
        return done.result()

    assert asyncio.run(main()) == 7


def test_fsync_directory_accepts_a_folder(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    fsync_directory(tmp_path)  # no error: the entry is flushed

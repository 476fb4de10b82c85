"""Call recordings: one 8 kHz mono 16-bit WAV per call, durable and never overwritten.

The file is written as audio arrives, in batches of 0.1 s. Its header sizes are
rewritten about once per second of audio, so a process killed with SIGKILL leaves
a file that plays up to the last update (and `repair_recordings` at start-up fixes
the rest; only the last, unwritten batch of at most 0.1 s is lost, plus what the RTP
socket still held: the media pump reads it every 0.1 s by default, see telephony/rtp/pump.py).
`close()` fsyncs the file and its folder, so a finished recording survives a
power cut.

A write that fails (the volume is full: ENOSPC, or an I/O error) raises once; the
recorder then keeps the audio that is on disk, drops what comes after, and `close()`
still leaves a valid WAV of what was kept. `last_write_failure()` tells /healthz.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import struct
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from hotline.telephony.audio import SAMPLE_RATE, SAMPLE_WIDTH, WAV_HEADER_SIZE, wav_header

from hotline.plumbing import fsync_directory

log = logging.getLogger(__name__)

HEADER_UPDATE_BYTES: Final = SAMPLE_RATE * SAMPLE_WIDTH  # one second of audio
# Audio is handed to the kernel in batches of this much (0.1 s): one pwrite per five
# 20 ms frames instead of one per frame, for hundreds of calls at once.
WRITE_BATCH_BYTES: Final = SAMPLE_RATE * SAMPLE_WIDTH // 10
_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_NAME: Final = 120


@dataclass(frozen=True)
class WriteFailure:
    at: datetime  # aware, UTC
    path: Path
    error: str  # "[Errno 28] No space left on device"


_last_failure: WriteFailure | None = None


def last_write_failure() -> WriteFailure | None:
    """The last recording write that failed in this process, or None."""
    return _last_failure


def _note_failure(path: Path, exc: OSError) -> None:
    global _last_failure
    _last_failure = WriteFailure(datetime.now(UTC), path, str(exc))


def safe_name(call_id: str) -> str:
    """A file name from a SIP Call-ID: no separators, no hidden files, bounded length."""
    name = _UNSAFE.sub("_", call_id).strip("._")[:_MAX_NAME]
    return name or "call"


def recording_path(root: Path, call_id: str, when: datetime) -> Path:
    """root/YYYY/MM/DD/<safe call id>.wav, never an existing file (adds -1, -2 ...)."""
    folder = Path(root) / f"{when:%Y}" / f"{when:%m}" / f"{when:%d}"
    stem = safe_name(call_id)
    candidate = folder / f"{stem}.wav"
    counter = 0
    while candidate.exists():
        counter += 1
        candidate = folder / f"{stem}-{counter}.wav"
    return candidate


class CallRecorder:
    """WAV 8 kHz mono 16-bit, written as audio arrives. Creates the file exclusively:
    an existing file raises FileExistsError rather than being overwritten.

    Writes go to the kernel (positional writes) once `WRITE_BATCH_BYTES` have
    gathered, at every header update and at `flush`/`close`: if the process is killed,
    all but the last partial batch (< 0.1 s) is in the page cache.

    A failed write raises its OSError once and sets `error`; later writes are dropped.
    A recording that cannot even be started (no room for the header) is removed.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd: int | None = os.open(
            self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o640
        )
        self._data_bytes = 0
        self._unsynced = 0
        self._odd_byte = b""
        self._batch = bytearray()
        self._written = 0  # data bytes handed to the kernel
        self.error: OSError | None = None  # the write failure that stopped the recording
        try:
            self._pwrite_all(wav_header(0), 0)
        except OSError as exc:
            _note_failure(self.path, exc)
            os.close(self._fd)
            self._fd = None
            with contextlib.suppress(OSError):
                self.path.unlink()
            raise

    @property
    def duration_seconds(self) -> float:
        return self._data_bytes / (SAMPLE_RATE * SAMPLE_WIDTH)

    @property
    def closed(self) -> bool:
        return self._fd is None

    def write(self, pcm: bytes) -> None:
        if self._fd is None:
            raise ValueError(f"recording {self.path} is already closed")
        if self.error is not None:
            return  # failed before: what is on disk is kept, the rest cannot be
        if self._odd_byte:  # keep samples aligned even if a caller hands odd lengths
            pcm = self._odd_byte + pcm
            self._odd_byte = b""
        if len(pcm) % 2:
            pcm, self._odd_byte = pcm[:-1], pcm[-1:]
        if not pcm:
            return
        batch = self._batch
        batch += pcm
        self._data_bytes += len(pcm)
        self._unsynced += len(pcm)
        if self._unsynced >= HEADER_UPDATE_BYTES:
            self._update_header()
        elif len(batch) >= WRITE_BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Hand the gathered audio to the kernel (the header is not touched)."""
        if self._batch and self._fd is not None and self.error is None:
            try:
                self._pwrite_all(self._batch, WAV_HEADER_SIZE + self._written)
            except OSError as exc:
                self._fail(exc)
                raise
            self._written += len(self._batch)
            self._batch.clear()

    def _fail(self, exc: OSError) -> None:
        """Keep the whole samples that reached the file; forget the rest."""
        assert self._fd is not None
        self.error = exc
        _note_failure(self.path, exc)
        self._batch = bytearray()  # not clear(): the failed write's view may still hold it
        self._odd_byte = b""
        try:
            size = os.fstat(self._fd).st_size
            kept = max(0, size - WAV_HEADER_SIZE)
            kept -= kept % SAMPLE_WIDTH
            if WAV_HEADER_SIZE + kept != size:
                os.ftruncate(self._fd, WAV_HEADER_SIZE + kept)  # a torn batch
        except OSError:
            kept = self._written
        self._written = self._data_bytes = kept

    def _pwrite_all(self, data: bytes | bytearray, offset: int) -> None:
        assert self._fd is not None
        view = memoryview(data)
        while view:
            written = os.pwrite(self._fd, view, offset)
            view = view[written:]
            offset += written

    def _update_header(self) -> None:
        self.flush()  # the sizes never claim audio that is not in the file
        # The whole header in one write (its other fields never change): one system call
        # a second per call instead of one per size field.
        self._pwrite_all(wav_header(self._data_bytes), 0)
        self._unsynced = 0

    def close(self) -> None:
        """Fix the header, fsync the file and its folder. Safe to call twice.

        After a write failure (also one of the last batch, here) the header describes
        the audio kept on disk and close() does not raise for it."""
        fd = self._fd
        if fd is None:
            return
        try:
            try:
                self._update_header()
            except OSError as exc:
                if self.error is None:
                    self._fail(exc)
                self._update_header()  # overwrites bytes already on disk: no new space
            os.fsync(fd)
        finally:
            os.close(fd)
            self._fd = None
        fsync_directory(self.path.parent)

    def __enter__(self) -> CallRecorder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _repair_one(path: Path) -> bool:
    """Make the RIFF and data sizes match the bytes on disk. True if the file changed."""
    with open(path, "r+b") as handle:
        size = os.fstat(handle.fileno()).st_size
        head = handle.read(12)
        if size < WAV_HEADER_SIZE:
            if size and not b"RIFF".startswith(head[:4]):
                return False  # not one of ours
            handle.seek(0)
            handle.truncate()
            handle.write(wav_header(0))
            return True
        if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
            return False
        # Walk the chunks to the data chunk (ours is at 36, but stay general).
        offset = 12
        while offset + 8 <= size:
            handle.seek(offset)
            chunk_id, chunk_size = struct.unpack("<4sI", handle.read(8))
            if chunk_id == b"data":
                break
            offset += 8 + chunk_size + (chunk_size & 1)
        else:
            return False
        data_start = offset + 8
        available = size - data_start
        available -= available % SAMPLE_WIDTH
        changed = False
        if chunk_size != available:
            handle.seek(offset + 4)
            handle.write(struct.pack("<I", available))
            changed = True
        if data_start + available != size:
            handle.truncate(data_start + available)  # a torn half sample
            changed = True
        riff_size = data_start + available - 8
        handle.seek(4)
        if struct.unpack("<I", handle.read(4))[0] != riff_size:
            handle.seek(4)
            handle.write(struct.pack("<I", riff_size))
            changed = True
        if changed:
            handle.flush()
            os.fsync(handle.fileno())
        return changed


def repair_recordings(root: Path, quiet_seconds: float = 0) -> list[Path]:
    """At start-up: fix the headers of recordings cut short by a crash. Returns those fixed.
    `quiet_seconds`: skip files written to that recently (another node may be writing)."""
    repaired: list[Path] = []
    root = Path(root)
    if not root.is_dir():
        return repaired
    quiet = time.time() - quiet_seconds
    for path in sorted(root.rglob("*.wav")):
        try:
            if quiet_seconds and path.stat().st_mtime >= quiet:
                continue
            if path.is_file() and _repair_one(path):
                repaired.append(path)
                log.warning("repaired the header of the interrupted recording %s", path)
        except OSError as exc:
            log.error("could not repair recording %s: %s", path, exc)
    return repaired

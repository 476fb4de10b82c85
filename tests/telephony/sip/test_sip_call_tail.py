"""The end of a call is recorded: audio still held in the jitter buffer when the BYE
arrives (packets waiting behind a hole) goes into the recording, not into the void."""

from __future__ import annotations

import asyncio
import audioop
import struct
import wave
from pathlib import Path

import numpy as np
import pytest
from hotline.telephony.dialer import Dialer, DialerOptions

from tests.fixtures.sip import speechlike_pcm

pytestmark = pytest.mark.timeout(120)


async def test_audio_held_behind_a_hole_at_hang_up_is_recorded(
    tmp_path: Path, listener_factory
) -> None:
    pcm = speechlike_pcm(1.0)
    payloads = [audioop.lin2alaw(pcm[i : i + 320], 2) for i in range(0, len(pcm), 320)]
    hole = len(payloads) - 3  # the last two packets wait behind this one when the BYE comes
    async with listener_factory(greeting_pcm=b"") as harness:
        dialer = Dialer(DialerOptions(host="127.0.0.1", port=0))
        await dialer.start()
        try:
            call = await dialer.dial(f"sip:12345@127.0.0.1:{harness.port}")
            assert call.outcome == "answered", call.status
            assert call.rtp is not None and call.rtp.remote is not None
            (inbound,) = harness.listener.calls.values()
            rtp = inbound.rtp
            assert rtp is not None
            # Hand-made packets from the caller's own RTP socket: the address its SDP
            # named (the listener takes media from nowhere else).
            sock = call.rtp.sock
            assert sock is not None
            for index, payload in enumerate(payloads):
                if index == hole:
                    continue
                count = rtp.stats.received
                header = struct.pack("!BBHII", 0x80, 8, 500 + index, index * 160, 0xC0FFEE)
                sock.sendto(header + payload, call.rtp.remote)
                # One datagram at a time, as a phone sends them (asyncio reads one
                # datagram per loop pass: a burst would still be unread at the BYE).
                while rtp.stats.received == count:
                    await asyncio.sleep(0.001)
            # The packets after the hole are held now (the reorder window waits for the
            # missing one). Hang up at once: the BYE arrives while they are still held.
            await call.hangup()
        finally:
            await dialer.close()
        (finished,) = await harness.finished()
    assert finished.reason == "caller_hangup"
    with wave.open(str(finished.recording_path)) as w:
        recorded = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    expected = np.frombuffer(
        b"".join(
            bytes(320) if i == hole else audioop.alaw2lin(p, 2) for i, p in enumerate(payloads)
        ),
        dtype="<i2",
    )
    assert len(recorded) == len(expected), (len(recorded), len(expected))
    assert np.array_equal(recorded, expected)

"""Timestamp and sequence jumps must not stretch a recording beyond the call: raw SIP
and raw RTP against the real listener.

A sender that restarts or misbehaves may jump its RTP timestamp (+400 M) and skip
sequence numbers. Silence stands in for lost packets, but never more than the time
that actually passed: a 6 s call used to come out as a recording of over a minute.
"""

from __future__ import annotations

import asyncio
import wave

import numpy as np
import pytest

from tests.fixtures.sip import speechlike_pcm
from tests.telephony.raw_uac import (
    RawUac,
    alaw_payload,
    packets_found,
    rtp_packet,
    sdp_media_port,
    sockets,
)

pytestmark = pytest.mark.timeout(120)


async def test_jumps_in_timestamp_and_sequence_do_not_stretch_the_recording(
    listener_factory,
) -> None:
    pcm = speechlike_pcm(6.0, seed=31)
    payloads = [alaw_payload(pcm[o : o + 320]) for o in range(0, len(pcm), 320)]
    async with listener_factory(greeting_pcm=b"") as harness:
        with sockets("127.0.0.1") as (rtp_sock,):
            uac = await RawUac(("127.0.0.1", harness.port)).open()
            loop = asyncio.get_running_loop()
            try:
                began = loop.time()
                ok = await uac.call(rtp_sock.getsockname())
                target = ("127.0.0.1", sdp_media_port(ok))
                sequence, timestamp = 1000, 0
                for index, payload in enumerate(payloads):
                    if index == 50:
                        timestamp += 400_000_000  # the clock jumps, the sequence goes on
                    elif index >= 100 and index % 15 == 0:
                        # 2000 packets "lost" in no time: timestamps that agree with it
                        sequence += 2000
                        timestamp += 2000 * 160
                    rtp_sock.sendto(rtp_packet(sequence, timestamp, 0x7157, payload), target)
                    sequence += 1
                    timestamp += 160
                    await asyncio.sleep(0.02)
                await asyncio.sleep(0.3)
                uac.bye()
                elapsed = loop.time() - began
                (finished,) = await harness.finished()
            finally:
                uac.close()
    with wave.open(str(finished.recording_path)) as w:
        recording = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    # All of the audio, sample-exact, and no longer than the call really lasted.
    assert packets_found(recording, payloads) == len(set(payloads))
    assert len(recording) / 8000 <= elapsed + 1.0, (len(recording) / 8000, elapsed)

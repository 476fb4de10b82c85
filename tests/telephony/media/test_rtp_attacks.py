"""RTP from strangers against the real listener: raw SIP for the call, raw UDP for RTP.

A stranger who reaches the RTP port range must neither receive the caller's call
audio ("RTP bleed": we used to send to whoever's packet came first) nor get their
audio into the recording. Media is taken only from the SDP's address, or from a
configured trusted media relay, and the latch never moves on a packet.
"""

from __future__ import annotations

import asyncio
import wave
from pathlib import Path

import numpy as np
import pytest
from hotline.telephony.events import CallFinished

from tests.fixtures.sip import speechlike_pcm
from tests.telephony.raw_uac import (
    RawUac,
    alaw_payload,
    drain,
    packets_found,
    rtp_packet,
    sdp_media_port,
    sockets,
)

pytestmark = pytest.mark.timeout(120)


def read_recording(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


def payloads_of(pcm: bytes) -> list[bytes]:
    return [alaw_payload(pcm[o : o + 320]) for o in range(0, len(pcm) - 319, 320)]


class Stream:
    """One sender's RTP stream: its own SSRC, sequence numbers and timestamps."""

    def __init__(self, sock, pcm: bytes, ssrc: int) -> None:  # type: ignore[no-untyped-def]
        self.sock = sock
        self.payloads = payloads_of(pcm)
        self.ssrc = ssrc
        self.index = 0

    def send(self, target: tuple[str, int], count: int = 1) -> None:
        for _ in range(count):
            payload = self.payloads[self.index % len(self.payloads)]
            self.sock.sendto(
                rtp_packet(100 + self.index, 160 * self.index, self.ssrc, payload), target
            )
            self.index += 1


async def call_with_stranger(
    harness,
    caller_host: str,
    stranger_host: str,
    *,
    stranger_first: bool,
    sdp_address: tuple[str, int] | None = None,
    seconds: float = 1.2,
    seeds: tuple[int, int] = (11, 66),
) -> tuple[Stream, Stream, list[bytes], list[bytes], int, CallFinished]:
    """One call: the caller's RTP socket is what its SDP names (or `sdp_address`, from
    which nothing sends); a stranger sprays the call's RTP port throughout (before the
    caller's first packet if `stranger_first`)."""
    with sockets(caller_host, stranger_host) as (caller_sock, stranger_sock):
        caller = Stream(caller_sock, speechlike_pcm(seconds, seed=seeds[0]), ssrc=0x1111)
        stranger = Stream(stranger_sock, speechlike_pcm(seconds, seed=seeds[1]), ssrc=0x6666)
        uac = await RawUac(("127.0.0.1", harness.port)).open()
        try:
            uac.send_invite(sdp_address or caller_sock.getsockname())
            ok = await uac.final_response()
            assert ok is not None and ok.status == 200, ok
            target = ("127.0.0.1", sdp_media_port(ok))
            if stranger_first:  # before the ACK, before the caller's first packet
                stranger.send(target, 5)
                await asyncio.sleep(0.15)
            uac.ack()
            for _ in range(len(caller.payloads)):
                caller.send(target)
                stranger.send(target)
                await asyncio.sleep(0.02)
            await asyncio.sleep(0.3)  # the greeting (0.4 s) has been sent meanwhile
            foreign = harness.listener.calls[uac.call_id].rtp.stats.foreign
            uac.bye()
            (finished,) = await harness.finished()
        finally:
            uac.close()
        return caller, stranger, drain(caller_sock), drain(stranger_sock), foreign, finished


@pytest.mark.parametrize("stranger_first", [True, False], ids=["stranger-first", "stranger-later"])
@pytest.mark.parametrize(
    "stranger_host", ["127.0.0.2", "127.0.0.1"], ids=["other-address", "other-port"]
)
async def test_a_stranger_gets_no_call_audio_and_puts_none_in_the_recording(
    listener_factory, stranger_host: str, stranger_first: bool
) -> None:
    async with listener_factory() as harness:
        caller, stranger, to_caller, to_stranger, foreign, finished = await call_with_stranger(
            harness, "127.0.0.1", stranger_host, stranger_first=stranger_first
        )
    assert to_stranger == []  # not one packet of the greeting went to the stranger
    assert len(to_caller) >= 10  # the greeting went to the caller
    recording = read_recording(finished.recording_path)
    assert packets_found(recording, stranger.payloads) == 0
    assert packets_found(recording, caller.payloads) == len(set(caller.payloads))
    # Counted until the socket is connected to the caller (the packets read with or
    # before the latching one); after that the kernel drops the stranger's uncounted.
    assert foreign >= 1


async def test_a_trusted_media_relay_may_send_from_another_address(listener_factory) -> None:
    """Behind a media relay (or NAT) the packets come from another address than the
    SDP names: a configured relay network is accepted and latched, a stranger is not."""
    with sockets("127.0.0.1") as (nobody,):
        sdp_address = nobody.getsockname()  # what the SDP says; nothing sends from it
    async with listener_factory(trusted_media=["127.0.0.3/32"]) as harness:
        relay, stranger, to_relay, to_stranger, _, finished = await call_with_stranger(
            harness,
            "127.0.0.3",
            "127.0.0.2",
            stranger_first=True,
            sdp_address=sdp_address,
            seconds=1.0,
            seeds=(12, 67),
        )
    assert to_stranger == []
    assert len(to_relay) >= 10
    recording = read_recording(finished.recording_path)
    assert packets_found(recording, stranger.payloads) == 0
    assert packets_found(recording, relay.payloads) == len(set(relay.payloads))

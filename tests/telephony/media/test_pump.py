"""The media pump: RTP sockets drained in batches (recvmmsg, or a recv loop elsewhere)."""

from __future__ import annotations

import asyncio
import socket

import pytest

from telephony.rtp import g711, pump
from telephony.rtp.packet import RtpPacket
from telephony.rtp.pump import SLOT_BYTES, SLOTS, DatagramReader, MediaPump
from telephony.rtp.session import MediaParams
from tests.fixtures.media import RtpPair, open_endpoint, sweep_pcm, wait_until


def through_codec(payload_type: int, pcm: bytes) -> bytes:
    return g711.decode(payload_type, g711.encode(payload_type, pcm))


def packets_of(pcm: bytes, payload_type: int = 8, seq: int = 100) -> list[bytes]:
    return [
        RtpPacket(
            payload_type, seq + i, i * 160, 77, g711.encode(payload_type, pcm[o : o + 320])
        ).serialize()
        for i, o in enumerate(range(0, len(pcm), 320))
    ]


READERS = [
    pytest.param(True, id="recvmmsg"),
    pytest.param(False, id="recv-loop"),
]


@pytest.mark.parametrize("use_recvmmsg", READERS)
def test_reader_returns_every_queued_datagram_in_order(use_recvmmsg: bool) -> None:
    reader = DatagramReader(use_recvmmsg=use_recvmmsg)
    if use_recvmmsg and not reader.batched:
        pytest.skip("recvmmsg is Linux only")
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client,
    ):
        server.bind(("127.0.0.1", 0))
        server.setblocking(False)
        assert reader.read(server) == []
        sent = [bytes([i]) * (20 + i) for i in range(SLOTS + 6)]
        for data in sent:
            client.sendto(data, server.getsockname())
        got: list[bytes] = []
        while lengths := reader.read(server):
            assert len(lengths) <= SLOTS
            got += [
                reader.view[i * SLOT_BYTES : i * SLOT_BYTES + n].tobytes()
                for i, n in enumerate(lengths)
            ]
        assert got == sent


async def test_seconds_of_audio_queued_while_the_loop_is_busy_are_all_delivered() -> None:
    """The socket buffer holds far more than one pump interval: 5 s of a call sent while
    the loop cannot run (more than one read's worth) arrive complete and in order."""
    endpoint = await open_endpoint()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as phone:
        phone.bind(("127.0.0.1", 0))
        try:
            endpoint.session.start(MediaParams(phone.getsockname(), 8))
            pcm = sweep_pcm(5.0)
            packets = packets_of(pcm)
            for data in packets:  # no await in between: the pump cannot drain meanwhile
                phone.sendto(data, ("127.0.0.1", endpoint.session.local_port))
            await wait_until(lambda: endpoint.session.stats.received == len(packets))
            await endpoint.session.close()
            assert endpoint.audio == through_codec(8, pcm)
            assert endpoint.session.remote == phone.getsockname()  # latched on the first
            stats = endpoint.session.stats
            assert (stats.lost, stats.late, stats.malformed) == (0, 0, 0)
        finally:
            await endpoint.session.close()


async def test_packets_queued_when_the_session_closes_are_delivered() -> None:
    """The caller's last words (sent just before the BYE) are not left in the socket."""
    endpoint = await open_endpoint()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as phone:
        phone.bind(("127.0.0.1", 0))
        endpoint.session.start(MediaParams(phone.getsockname(), 0))
        pcm = sweep_pcm(0.3)
        for data in packets_of(pcm, payload_type=0):
            phone.sendto(data, ("127.0.0.1", endpoint.session.local_port))
        await endpoint.session.close()  # at once: no pump tick has run yet
        assert endpoint.audio == through_codec(0, pcm)


async def test_without_recvmmsg_the_recv_loop_carries_the_same_audio(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pump, "_RECVMMSG", None)
    pair = RtpPair(await open_endpoint(), await open_endpoint())
    try:
        assert not MediaPump.of(asyncio.get_running_loop()).reader.batched
        pcm = sweep_pcm(0.6)
        pair.start()
        await pair.caller.session.play(pcm)
        await pair.caller.session.send_dtmf("5")
        sent = pair.caller.session.stats.sent
        await wait_until(lambda: pair.callee.session.stats.received == sent)
        await pair.callee.session.close()
        assert pair.callee.audio[: len(pcm)] == through_codec(8, pcm)
        assert pair.callee.digits == ["5"]
    finally:
        await pair.caller.session.close()
        await pair.callee.session.close()


async def test_the_pump_stops_with_the_last_session() -> None:
    loop = asyncio.get_running_loop()
    first, second = await open_endpoint(), await open_endpoint()
    pump_of_loop = MediaPump.of(loop)
    assert len(pump_of_loop.sessions) == 2 and pump_of_loop.handle is not None
    await first.session.close()
    assert pump_of_loop.handle is not None
    await second.session.close()
    assert pump_of_loop.handle is None
    assert loop not in MediaPump._pumps

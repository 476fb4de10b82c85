"""The media pump: RTP sockets drained in batches (recvmmsg, or a recv loop elsewhere)."""

from __future__ import annotations

import asyncio
import socket

import pytest
from hotline.telephony.rtp import g711, pump
from hotline.telephony.rtp.dtmf import build_event
from hotline.telephony.rtp.packet import RtpPacket
from hotline.telephony.rtp.pump import SLOT_BYTES, SLOTS, DatagramReader, MediaPump
from hotline.telephony.rtp.session import MediaParams

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


@pytest.fixture(params=[True, False], ids=["recvmmsg", "recv-loop"])
def reader(request: pytest.FixtureRequest) -> DatagramReader:
    """Each way of reading a socket: recvmmsg batches, and the plain recv loop."""
    reader = DatagramReader(use_recvmmsg=request.param)
    if request.param and not reader.batched:
        pytest.skip("recvmmsg is Linux only")
    return reader


def test_reader_returns_every_queued_datagram_in_order(reader: DatagramReader) -> None:
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


async def audio_and_dtmf_arrive(pair: RtpPair, seconds: float, digit: str) -> None:
    """The caller plays `seconds` of audio, then `digit`: the callee gets both intact."""
    pcm = sweep_pcm(seconds)
    pair.start()
    await pair.caller.session.play(pcm)
    await pair.caller.session.send_dtmf(digit)
    sent = pair.caller.session.stats.sent
    await wait_until(lambda: pair.callee.session.stats.received == sent)
    await pair.callee.session.close()
    assert pair.callee.audio[: len(pcm)] == through_codec(8, pcm)
    assert pair.callee.digits == [digit]
    assert pair.callee.session.stats.lost == 0


async def test_without_recvmmsg_the_recv_loop_carries_the_same_audio(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pump, "_RECVMMSG", None)
    pair = RtpPair(await open_endpoint(), await open_endpoint())
    try:
        assert not MediaPump.of(asyncio.get_running_loop()).reader.batched
        await audio_and_dtmf_arrive(pair, 0.6, "5")
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


async def test_a_longer_pump_interval_carries_the_same_audio_and_dtmf() -> None:
    """`sip.media_pump_interval`: the sessions already open are spread over the new
    number of groups, and audio and DTMF arrive as at the default interval."""
    loop = asyncio.get_running_loop()
    pair = RtpPair(await open_endpoint(), await open_endpoint())
    try:
        MediaPump.configure(loop, 0.2)
        assert MediaPump.interval_on(loop) == 0.2
        pump_of_loop = MediaPump.of(loop)
        assert len(pump_of_loop.groups) == 10 and len(pump_of_loop.sessions) == 2
        await audio_and_dtmf_arrive(pair, 1.0, "7")
    finally:
        MediaPump.configure(loop, None)
        await pair.caller.session.close()
        await pair.callee.session.close()
    assert MediaPump.interval_on(loop) == pump.PUMP_INTERVAL


@pytest.mark.parametrize("interval", [0.0, 0.03, 0.13, 0.52, 1.0])
def test_a_pump_interval_is_a_whole_number_of_20_ms_ticks_up_to_half_a_second(
    interval: float,
) -> None:
    with pytest.raises(ValueError, match="multiple of 0.02"):
        pump.pump_phases(interval)
    assert [pump.pump_phases(x) for x in (0.02, 0.1, 0.2, 0.5)] == [1, 5, 10, 25]


def mixed_stream() -> list[bytes]:
    """Audio with what the batch path must hand to the per-packet path: stream start,
    DTMF (start, update, end three times), comfort noise, loss, reordering, a duplicate,
    a malformed datagram, a CSRC header, an unknown payload type and an SSRC change."""
    pcm = sweep_pcm(1.6)
    frames = [pcm[o : o + 320] for o in range(0, len(pcm), 320)]
    out: list[bytes] = []
    seq = 0xFFF0  # across the wrap

    def audio(i: int, ssrc: int = 9, **extra: object) -> bytes:
        payload = g711.encode(8, frames[i % len(frames)])
        return RtpPacket(8, (seq + i) & 0xFFFF, i * 160, ssrc, payload, **extra).serialize()  # type: ignore[arg-type]

    out += [audio(i) for i in range(12)]
    out += [
        RtpPacket(101, (seq + 12 + k) & 0xFFFF, 12 * 160, 9, payload).serialize()
        for k, payload in enumerate(
            [build_event(3, end=False, duration=160)] + [build_event(3, end=True, duration=800)] * 3
        )
    ]
    out += [audio(i) for i in range(16, 22)]
    out.append(RtpPacket(13, (seq + 22) & 0xFFFF, 22 * 160, 9, b"\x40").serialize())
    out += [audio(i) for i in (23, 25, 24, 26, 26, 28, 29)]  # 27 lost, 24/25 swapped, dup 26
    out += [b"\x80\x08", audio(30, csrc=(1, 2)), audio(31)]
    out.append(RtpPacket(96, (seq + 32) & 0xFFFF, 32 * 160, 9, b"video").serialize())
    out += [audio(i) for i in range(33, 50)]
    out += [audio(i, ssrc=10) for i in range(200, 230)]  # a new source
    return out


PHONE = ("127.0.0.1", 9)


class FromPhone:
    """Every datagram of the batch came from PHONE (what the SDP says)."""

    def source(self, index: int) -> tuple[str, int]:
        return PHONE

    def drop_foreign(self, lengths: list[int], address: object) -> int:
        return 0


@pytest.mark.parametrize("batch", [2, 7, SLOTS])
async def test_a_batch_gives_what_one_datagram_at_a_time_gives(batch: int) -> None:
    packets = mixed_stream()
    one_by_one, batched = await open_endpoint(), await open_endpoint()
    try:
        for endpoint in (one_by_one, batched):
            endpoint.session.start(MediaParams(PHONE, 8))
        for data in packets:
            one_by_one.session.datagram_received(data, PHONE)
        view = memoryview(bytearray(SLOTS * SLOT_BYTES))
        for start in range(0, len(packets), batch):
            group = packets[start : start + batch]
            for i, data in enumerate(group):
                view[i * SLOT_BYTES : i * SLOT_BYTES + len(data)] = data
            lengths = [len(d) for d in group]
            batched.session.receive_batch(view, SLOT_BYTES, lengths, 1.0, FromPhone())
        await one_by_one.session.close()
        await batched.session.close()
        assert batched.audio == one_by_one.audio
        assert len(batched.audio) > 50 * 320
        assert batched.digits == one_by_one.digits == ["3"]
        expected, got = one_by_one.session.stats, batched.session.stats
        assert (got.lost, got.late, got.duplicates, got.resyncs) == (
            expected.lost,
            expected.late,
            expected.duplicates,
            expected.resyncs,
        )
        assert (got.received, got.malformed, got.unknown_payload) == (
            expected.received,
            expected.malformed,
            expected.unknown_payload,
        )
        # lost: 27, and 32 (the unknown payload type does not occupy its sequence number)
        assert (got.lost, got.duplicates, got.malformed, got.unknown_payload) == (2, 1, 1, 1)
    finally:
        await one_by_one.session.close()
        await batched.session.close()


def test_the_reader_knows_each_datagrams_source_and_drops_the_foreign(
    reader: DatagramReader,
) -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as phone,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as stranger,
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as server6,
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as phone6,
    ):
        server.bind(("127.0.0.1", 0))
        server.setblocking(False)
        phone.bind(("127.0.0.1", 0))
        stranger.bind(("127.0.0.2", 0))
        for i in range(6):
            (stranger if i % 3 == 1 else phone).sendto(bytes([i]) * 20, server.getsockname())
        lengths = reader.read(server)
        assert lengths == [20] * 6
        sources = [reader.source(i)[:2] for i in range(6)]
        assert sources == [
            stranger.getsockname() if i % 3 == 1 else phone.getsockname() for i in range(6)
        ]
        assert reader.drop_foreign(lengths, phone.getsockname()) == 2
        assert lengths == [20, -1, 20, 20, -1, 20]
        # IPv6 after IPv4 on the same reader: the address buffers are reset between reads.
        server6.bind(("::1", 0))
        server6.setblocking(False)
        phone6.bind(("::1", 0))
        phone6.sendto(b"x" * 30, server6.getsockname())
        lengths = reader.read(server6)
        assert lengths == [30]
        assert reader.source(0)[:2] == phone6.getsockname()[:2]
        assert reader.drop_foreign(lengths, phone6.getsockname()) == 0
        assert reader.drop_foreign(lengths, ("::1", 9)) == 1

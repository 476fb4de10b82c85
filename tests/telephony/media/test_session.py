"""Two real RtpSessions talking over loopback UDP."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import numpy as np
import pytest
from hotline.telephony.rtp import g711
from hotline.telephony.rtp.dtmf import build_event
from hotline.telephony.rtp.packet import RtpPacket, parse_rtp
from hotline.telephony.rtp.ports import can_connect
from hotline.telephony.rtp.session import MediaParams, RtpSession
from hotline.telephony.rtp.sources import parse_networks

from tests.fixtures.media import Endpoint, RtpPair, open_endpoint, sweep_pcm, wait_until


def through_codec(payload_type: int, pcm: bytes) -> bytes:
    return g711.decode(payload_type, g711.encode(payload_type, pcm))


async def test_ports_are_even_and_in_range() -> None:
    sessions = [
        await RtpSession.open("127.0.0.1", 30000, 59999, on_audio=print, on_dtmf=print)
        for _ in range(5)
    ]
    try:
        ports = [s.local_port for s in sessions]
        assert all(p % 2 == 0 and 30000 <= p <= 59999 for p in ports)
        assert len(set(ports)) == 5
    finally:
        for session in sessions:
            await session.close()


async def test_a_full_range_is_a_clear_error() -> None:
    first = await RtpSession.open("127.0.0.1", 20000, 59998, on_audio=print, on_dtmf=print)
    try:
        port = first.local_port
        with pytest.raises(OSError, match="no free even UDP port"):
            await RtpSession.open("127.0.0.1", port, port + 1, on_audio=print, on_dtmf=print)
        with pytest.raises(ValueError):
            await RtpSession.open("127.0.0.1", port + 1, port + 1, on_audio=print, on_dtmf=print)
    finally:
        await first.close()


def test_only_a_socket_bound_to_one_address_is_connected_to_its_source() -> None:
    """Connecting pins the address a socket receives at: bound to one address, that is
    the SDP's anyway; bound to the wildcard, the route's choice may not be."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        assert can_connect(sock)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("0.0.0.0", 0))
        assert not can_connect(sock)


@pytest.mark.parametrize(
    ("payload_type", "ptime_ms"), [(8, 20), (0, 20), (8, 30), (0, 30), (8, 10), (8, 40)]
)
async def test_audio_in_equals_audio_out(
    rtp_pair: RtpPair, payload_type: int, ptime_ms: int
) -> None:
    pcm = sweep_pcm(0.6)
    rtp_pair.start(payload_type, ptime_ms)
    await rtp_pair.caller.session.play(pcm)
    sent = rtp_pair.caller.session.stats.sent
    await wait_until(lambda: rtp_pair.callee.session.stats.received == sent)
    await rtp_pair.callee.session.close()  # delivers the frames the buffer still holds
    received = rtp_pair.callee.audio
    assert all(len(frame) % 320 == 0 for frame in rtp_pair.callee.frames)  # whole 20 ms frames
    assert received[: len(pcm)] == through_codec(payload_type, pcm)
    assert not any(received[len(pcm) :])  # the padding of the last packet is silence
    stats = rtp_pair.callee.session.stats
    assert (stats.lost, stats.late, stats.duplicates, stats.malformed) == (0, 0, 0, 0)


async def test_dtmf_sent_and_received_once_each(rtp_pair: RtpPair) -> None:
    rtp_pair.start()
    await rtp_pair.caller.session.send_dtmf("1#5*9")
    await wait_until(lambda: len(rtp_pair.callee.digits) >= 5)
    sent = rtp_pair.caller.session.stats.sent
    await wait_until(lambda: rtp_pair.callee.session.stats.received == sent)
    assert rtp_pair.callee.digits == list("1#5*9")
    assert rtp_pair.caller.session.stats.dtmf_sent == 5
    assert rtp_pair.callee.session.stats.dtmf_received == 5


async def test_audio_and_dtmf_together_lose_no_audio(rtp_pair: RtpPair) -> None:
    pcm = sweep_pcm(0.3)
    rtp_pair.start()
    await rtp_pair.caller.session.play(pcm)
    await rtp_pair.caller.session.send_dtmf("7")
    await rtp_pair.caller.session.play(pcm)
    sent = rtp_pair.caller.session.stats.sent
    await wait_until(lambda: rtp_pair.callee.session.stats.received == sent)
    await rtp_pair.callee.session.close()
    assert rtp_pair.callee.digits == ["7"]
    assert rtp_pair.callee.audio == through_codec(8, pcm + pcm)
    assert rtp_pair.callee.session.stats.lost == 0


async def test_dtmf_needs_negotiated_telephone_event(rtp_pair: RtpPair) -> None:
    rtp_pair.start(dtmf_payload_type=None)
    with pytest.raises(RuntimeError, match="telephone-event"):
        await rtp_pair.caller.session.send_dtmf("1")
    with pytest.raises(ValueError):
        await rtp_pair.caller.session.send_dtmf("x")


async def test_nothing_is_sent_before_start_or_in_recvonly(rtp_pair: RtpPair) -> None:
    with pytest.raises(RuntimeError, match="start"):
        await rtp_pair.caller.session.play(bytes(320))
    rtp_pair.start()
    rtp_pair.caller.session.set_direction("recvonly")
    await rtp_pair.caller.session.play(bytes(3200))
    rtp_pair.caller.session.set_direction("sendrecv")
    await rtp_pair.caller.session.play(sweep_pcm(0.1))
    await wait_until(lambda: rtp_pair.callee.session.stats.received == 5)
    assert rtp_pair.caller.session.stats.sent == 5
    with pytest.raises(ValueError):
        rtp_pair.caller.session.set_direction("sideways")  # type: ignore[arg-type]


async def test_sendonly_ignores_incoming_audio(rtp_pair: RtpPair) -> None:
    rtp_pair.start()
    rtp_pair.callee.session.set_direction("sendonly")
    await rtp_pair.caller.session.play(sweep_pcm(0.2))
    await wait_until(lambda: rtp_pair.callee.session.stats.received == 10)
    await rtp_pair.callee.session.close()
    assert rtp_pair.callee.frames == []
    assert rtp_pair.callee.session.last_received is not None


class RawPeer(asyncio.DatagramProtocol):
    """A bare UDP socket standing in for a phone that sends hand-made packets."""

    def __init__(self) -> None:
        self.received: list[bytes] = []

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        self.received.append(data)


async def open_raw_peer() -> tuple[asyncio.DatagramTransport, RawPeer]:
    loop = asyncio.get_running_loop()
    transport, peer = await loop.create_datagram_endpoint(RawPeer, local_addr=("127.0.0.1", 0))
    return transport, peer


@asynccontextmanager
async def endpoint_with_raw_peer() -> AsyncIterator[
    tuple[Endpoint, asyncio.DatagramTransport, tuple[str, int]]
]:
    """An endpoint started towards a raw peer (PCMA): the endpoint, the peer's transport
    and the address the peer sends to; both are closed at the end."""
    endpoint = await open_endpoint()
    transport, _ = await open_raw_peer()
    try:
        endpoint.session.start(MediaParams(transport.get_extra_info("sockname"), 8))
        yield endpoint, transport, ("127.0.0.1", endpoint.session.local_port)
    finally:
        transport.close()
        await endpoint.session.close()


async def test_a_trusted_relay_is_latched_though_the_sdp_names_another_address() -> None:
    """Behind NAT or a media relay the packets come from another address than the SDP
    names: a source in `trusted_media` is latched and gets our audio from then on."""
    transport, peer = await open_raw_peer()
    session = await RtpSession.open(
        "127.0.0.1",
        20000,
        59998,
        on_audio=lambda frame: None,
        on_dtmf=print,
        trusted_media=parse_networks(["127.0.0.1/32"]),
    )
    try:
        # SDP names an address nobody listens on (the phone's private address behind NAT).
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as unused:
            unused.bind(("127.0.0.1", 0))
            wrong = unused.getsockname()
        session.start(MediaParams(wrong, 8))
        target = ("127.0.0.1", session.local_port)
        transport.sendto(RtpPacket(8, 1, 160, 99, b"\xd5" * 160).serialize(), target)
        await wait_until(lambda: session.stats.received == 1)
        assert session.remote == transport.get_extra_info("sockname")
        await session.play(sweep_pcm(0.06))
        await wait_until(lambda: len(peer.received) == 3)
        packets = [parse_rtp(data) for data in peer.received]
        assert [p.marker for p in packets] == [True, False, False]
        assert {p.payload_type for p in packets} == {8}
        assert [p.sequence - packets[0].sequence for p in packets] == [0, 1, 2]
        assert [p.timestamp - packets[0].timestamp for p in packets] == [0, 160, 320]
    finally:
        transport.close()
        await session.close()


async def test_an_untrusted_source_other_than_the_sdp_is_dropped_and_never_latched() -> None:
    endpoint = await open_endpoint()
    transport, peer = await open_raw_peer()
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as unused:
            unused.bind(("127.0.0.1", 0))
            sdp_address = unused.getsockname()
        endpoint.session.start(MediaParams(sdp_address, 8))
        target = ("127.0.0.1", endpoint.session.local_port)
        for i in range(5):
            transport.sendto(RtpPacket(8, i, 160 * i, 99, b"\xd5" * 160).serialize(), target)
        await wait_until(lambda: endpoint.session.stats.foreign == 5)
        assert endpoint.session.remote == sdp_address  # not moved by the packets
        assert endpoint.session.stats.received == 0
        await endpoint.session.play(sweep_pcm(0.06))
        await endpoint.session.close()
        assert endpoint.audio == b""
        assert peer.received == []
    finally:
        transport.close()
        await endpoint.session.close()


def packets_from(first: int, count: int, fill: int) -> list[bytes]:
    """PCMA packets of SSRC 99, sequence numbers from `first`, every payload byte `fill`."""
    return [
        RtpPacket(8, i, 160 * i, 99, bytes([fill]) * 160).serialize()
        for i in range(first, first + count)
    ]


async def test_after_latching_another_port_of_the_same_host_reaches_nothing() -> None:
    """Once latched (and the socket connected to the source), a second sender on the
    caller's host gets none of our packets and none of its audio is delivered."""
    async with endpoint_with_raw_peer() as (endpoint, transport, target):
        stranger, stranger_peer = await open_raw_peer()
        try:
            for data in packets_from(0, 5, 0xD5):
                transport.sendto(data, target)
            await wait_until(lambda: endpoint.session.stats.received == 5)
            for data in packets_from(5, 5, 0x2A):  # continues the caller's stream exactly
                stranger.sendto(data, target)
            for data in packets_from(5, 5, 0xD5):
                transport.sendto(data, target)
            await wait_until(lambda: endpoint.session.stats.received == 10)
            await endpoint.session.play(sweep_pcm(0.06))
            await endpoint.session.close()
            assert endpoint.audio == g711.decode(8, b"\xd5" * 1600)
            assert stranger_peer.received == []
        finally:
            stranger.close()


async def test_a_reinvite_naming_a_new_media_address_moves_both_directions_there() -> None:
    """A new offer/answer dissolves the latch (and the socket's connection): media from
    the new address is taken and ours goes there; the old address is a stranger now."""
    async with endpoint_with_raw_peer() as (endpoint, transport, target):
        moved, moved_peer = await open_raw_peer()
        try:
            session = endpoint.session
            for data in packets_from(0, 5, 0xD5):
                transport.sendto(data, target)
            await wait_until(lambda: session.stats.received == 5)
            session.start(MediaParams(moved.get_extra_info("sockname"), 8))  # re-INVITE
            for data in packets_from(5, 5, 0x2A):  # the old address is not the source now
                transport.sendto(data, target)
            for data in packets_from(5, 5, 0x55):
                moved.sendto(data, target)
            await wait_until(lambda: session.stats.received == 10)
            old_count = len(moved_peer.received)
            await session.play(sweep_pcm(0.06))
            await wait_until(lambda: len(moved_peer.received) == old_count + 3)
            await session.close()
            assert endpoint.audio == g711.decode(8, b"\xd5" * 800 + b"\x55" * 800)
            assert session.remote == moved.get_extra_info("sockname")
        finally:
            moved.close()


async def test_malformed_datagrams_are_counted_and_the_session_keeps_working() -> None:
    async with endpoint_with_raw_peer() as (endpoint, transport, target):
        garbage = [
            b"\x80",
            b"\x00" * 5,
            b"\x40" + bytes(20),
            b"\x8f\x08" + bytes(12),
            b"\xff" * 300,
        ]
        for data in garbage:
            transport.sendto(data, target)
        transport.sendto(build_event_packet(seq=1, event=200), target)  # unknown event code
        transport.sendto(RtpPacket(96, 2, 0, 5, b"video?").serialize(), target)
        pcm = sweep_pcm(0.1)
        for i in range(5):
            payload = g711.encode(0, pcm[i * 320 : (i + 1) * 320])
            transport.sendto(RtpPacket(0, 100 + i, i * 160, 5, payload).serialize(), target)
        await wait_until(lambda: endpoint.session.stats.received == 7)
        await endpoint.session.close()
        stats = endpoint.session.stats
        assert stats.malformed == len(garbage)
        assert stats.unknown_payload == 1
        assert endpoint.audio == through_codec(0, pcm)
        assert endpoint.digits == []


def build_event_packet(seq: int, event: int, ssrc: int = 5) -> bytes:
    return RtpPacket(101, seq, 0, ssrc, build_event(event, end=True, duration=800)).serialize()


async def test_codec_change_midstream_is_decoded_per_packet() -> None:
    async with endpoint_with_raw_peer() as (endpoint, transport, target):
        pcm = sweep_pcm(0.2)
        for i in range(10):
            payload_type = 8 if i < 5 else 0
            payload = g711.encode(payload_type, pcm[i * 320 : (i + 1) * 320])
            packet = RtpPacket(payload_type, 7 + i, i * 160, 5, payload)
            transport.sendto(packet.serialize(), target)
        await wait_until(lambda: endpoint.session.stats.received == 10)
        await endpoint.session.close()
        expected = through_codec(8, pcm[:1600]) + through_codec(0, pcm[1600:])
        assert endpoint.audio == expected


async def test_a_failing_callback_does_not_stop_reception() -> None:
    calls: list[bytes] = []

    def explode(frame: bytes) -> None:
        calls.append(frame)
        raise RuntimeError("consumer bug")

    session = await RtpSession.open("127.0.0.1", 20000, 59998, on_audio=explode, on_dtmf=print)
    transport, _ = await open_raw_peer()
    try:
        session.start(MediaParams(transport.get_extra_info("sockname"), 8))
        target = ("127.0.0.1", session.local_port)
        for i in range(10):
            transport.sendto(RtpPacket(8, i, i * 160, 5, b"\xd5" * 160).serialize(), target)
        await wait_until(lambda: session.stats.received == 10)
        assert len(calls) >= 5
        assert session.stats.callback_errors == len(calls)
    finally:
        transport.close()
        await session.close()


async def test_restart_with_new_codec_and_ptime(rtp_pair: RtpPair) -> None:
    pcm = sweep_pcm(0.3)
    rtp_pair.start(8, 20)
    await rtp_pair.caller.session.play(pcm)
    rtp_pair.start(0, 30)  # re-INVITE
    await rtp_pair.caller.session.play(pcm)
    sent = rtp_pair.caller.session.stats.sent
    await wait_until(lambda: rtp_pair.callee.session.stats.received == sent)
    await rtp_pair.callee.session.close()
    audio = rtp_pair.callee.audio
    assert audio[: len(pcm)] == through_codec(8, pcm)
    # After the pause between the plays the stream continues (timestamps follow real time).
    assert audio[len(pcm) : 2 * len(pcm)] == through_codec(0, pcm)


async def test_play_keeps_absolute_pace(rtp_pair: RtpPair) -> None:
    """Behaviour, not timing: packets are spaced by ptime in RTP time and the schedule
    is computed from one start instant, so the count sent equals the audio length."""
    rtp_pair.start(8, 20)
    pcm = sweep_pcm(0.5)
    await rtp_pair.caller.session.play(pcm)
    stats = rtp_pair.caller.session.stats
    assert stats.sent == 25
    assert stats.max_send_gap_ms > 0


async def test_close_is_idempotent_and_stops_play(rtp_pair: RtpPair) -> None:
    rtp_pair.start()
    task = asyncio.create_task(rtp_pair.caller.session.play(bytes(16000 * 10)))
    await wait_until(lambda: rtp_pair.caller.session.stats.sent >= 2)
    await rtp_pair.caller.session.close()
    await rtp_pair.caller.session.close()
    await asyncio.wait_for(task, 5)
    assert rtp_pair.caller.session.stats.sent < 400
    with pytest.raises(RuntimeError):
        rtp_pair.caller.session.start(MediaParams(("127.0.0.1", 9), 8))


def test_media_params_are_validated() -> None:
    with pytest.raises(ValueError):
        MediaParams(("127.0.0.1", 9), 18)
    with pytest.raises(ValueError):
        MediaParams(("127.0.0.1", 9), 8, ptime_ms=0)
    assert np.isclose(MediaParams(("h", 1), 0).ptime_ms, 20)


def test_under_uvloop_busy_ports_are_skipped_and_audio_flows() -> None:
    """uvloop reports a busy port differently from asyncio; production runs on uvloop."""
    uvloop = pytest.importorskip("uvloop")

    async def scenario() -> None:
        first = await open_endpoint()
        port = first.session.local_port
        # A range holding only the busy port and one free neighbour: the busy one is skipped.
        second = None
        for neighbour in (port + 2, port - 2):
            try:
                second = await RtpSession.open(
                    "127.0.0.1",
                    min(port, neighbour),
                    max(port, neighbour),
                    on_audio=lambda frame: None,
                    on_dtmf=print,
                )
                break
            except OSError:
                continue  # the neighbour happened to be taken too
        assert second is not None and second.local_port != port
        with pytest.raises(OSError, match="no free even UDP port"):
            await RtpSession.open("127.0.0.1", port, port, on_audio=print, on_dtmf=print)
        pcm = sweep_pcm(0.2)
        first.session.start(MediaParams(("127.0.0.1", second.local_port), 8))
        second.start(MediaParams(("127.0.0.1", port), 8))
        await second.play(pcm)
        await wait_until(lambda: first.session.stats.received == 10)
        await first.session.close()
        await second.close()
        assert first.audio == through_codec(8, pcm)

    uvloop.run(scenario())


async def test_frames_held_behind_a_hole_are_released_when_the_peer_pauses() -> None:
    async with endpoint_with_raw_peer() as (endpoint, transport, target):
        pcm = sweep_pcm(0.2)
        for i in (0, 1, 2, 4):  # packet 3 lost, then nothing more (hold, or end of talk)
            payload = g711.encode(8, pcm[i * 320 : (i + 1) * 320])
            transport.sendto(RtpPacket(8, 50 + i, i * 160, 5, payload).serialize(), target)
        await wait_until(lambda: len(endpoint.audio) == 5 * 320)  # without closing the session
        expected = through_codec(8, pcm[:960]) + bytes(320) + through_codec(8, pcm[1280:1600])
        assert endpoint.audio == expected
        assert endpoint.session.stats.lost == 1


async def test_concurrent_plays_share_one_send_clock_and_keep_their_streams() -> None:
    """Several calls playing at once are paced by one shared timer (not a sleep per
    packet per call); each stream still has its own sequence, timestamps and audio."""
    from hotline.telephony.rtp.pacing import SendClock

    transport, peer = await open_raw_peer()
    remote = transport.get_extra_info("sockname")[:2]
    sessions = [
        await RtpSession.open("127.0.0.1", 20000, 40000, on_audio=lambda f: None, on_dtmf=print)
        for _ in range(3)
    ]
    pcms = [sweep_pcm(0.3 + 0.1 * i) for i in range(3)]  # 15, 20 and 25 packets
    try:
        for session in sessions:
            session.start(MediaParams(remote=remote, payload_type=8))
        plays = [asyncio.create_task(s.play(p)) for s, p in zip(sessions, pcms, strict=True)]
        loop = asyncio.get_running_loop()
        await wait_until(lambda: all(s.stats.sent for s in sessions))
        clock = SendClock._clocks[loop]
        assert len(clock.playbacks) == 3 and clock.handle is not None  # one timer for all
        await asyncio.gather(*plays)
        assert loop not in SendClock._clocks  # nothing left behind when all are done
        await wait_until(lambda: len(peer.received) == 15 + 20 + 25)
    finally:
        for session in sessions:
            await session.close()
        transport.close()
    streams: dict[int, list[RtpPacket]] = {}
    for data in peer.received:
        packet = parse_rtp(data)
        streams.setdefault(packet.ssrc, []).append(packet)
    assert sorted(len(s) for s in streams.values()) == [15, 20, 25]
    for packets in streams.values():
        base = packets[0].sequence
        packets.sort(key=lambda p: (p.sequence - base) & 0xFFFF)
        pcm = pcms[[15, 20, 25].index(len(packets))]
        assert [p.marker for p in packets] == [True] + [False] * (len(packets) - 1)
        first = packets[0]
        for index, packet in enumerate(packets):
            assert packet.sequence == (first.sequence + index) & 0xFFFF
            assert packet.timestamp == (first.timestamp + 160 * index) & 0xFFFFFFFF
        assert b"".join(p.payload for p in packets) == g711.encode(8, pcm)

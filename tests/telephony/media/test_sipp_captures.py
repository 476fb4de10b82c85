"""The real captures Debian's sip-tester ships (30 ms PCMA, RFC 2833 digits), replayed
into an RtpSession over loopback UDP, as sipp's play_pcap_audio would send them."""

from __future__ import annotations

import asyncio
import warnings

import pytest
from hotline.telephony.rtp import g711
from hotline.telephony.rtp.packet import RtpPacket, parse_rtp
from hotline.telephony.rtp.session import MediaParams

from tests.fixtures.media import SIPP_PCAPS, open_endpoint, read_pcap_udp_payloads, wait_until

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop  # the reference decoder, for the expected samples only

pytestmark = pytest.mark.skipif(
    not (SIPP_PCAPS / "g711a.pcap").exists(), reason="sip-tester captures not installed"
)


def capture(name: str) -> list[RtpPacket]:
    return [parse_rtp(data) for data in read_pcap_udp_payloads(SIPP_PCAPS / name)]


async def replay(
    packets: list[RtpPacket], *, ptime: float | None = None
) -> tuple[bytes, list[str], object]:
    """Send the packets to a session; one every `ptime` seconds (as a phone does) if given,
    else in quick bursts."""
    endpoint = await open_endpoint()
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(
        asyncio.DatagramProtocol, local_addr=("127.0.0.1", 0)
    )
    try:
        endpoint.session.start(MediaParams(transport.get_extra_info("sockname"), 8))
        target = ("127.0.0.1", endpoint.session.local_port)
        start = loop.time()
        for index, packet in enumerate(packets):
            transport.sendto(packet.serialize(), target)
            if ptime is not None:
                await asyncio.sleep(max(0.0, start + (index + 1) * ptime - loop.time()))
            elif index % 20 == 19:
                await asyncio.sleep(0.005)  # like a sender: never overrun the socket buffer
        await wait_until(lambda: endpoint.session.stats.received == len(packets))
        await endpoint.session.close()
        return endpoint.audio, endpoint.digits, endpoint.session.stats
    finally:
        transport.close()
        await endpoint.session.close()


def reference_audio(packets: list[RtpPacket]) -> bytes:
    return b"".join(
        audioop.alaw2lin(p.payload, 2) if p.payload_type == 8 else audioop.ulaw2lin(p.payload, 2)
        for p in packets
    )


async def test_30ms_pcma_capture_is_received_sample_exact() -> None:
    packets = capture("g711a.pcap")
    assert {len(p.payload) for p in packets} == {240}  # really 30 ms packets
    audio, _, stats = await replay(packets)
    expected = reference_audio(packets)
    assert audio[: len(expected)] == expected
    assert not any(audio[len(expected) :])
    assert (stats.lost, stats.late, stats.duplicates) == (0, 0, 0)


async def test_the_same_capture_as_pcmu() -> None:
    packets = capture("g711a.pcap")
    for packet in packets:
        packet.payload = g711.encode(0, g711.decode(8, packet.payload))
        packet.payload_type = 0
    audio, _, _ = await replay(packets)
    expected = reference_audio(packets)
    assert audio[: len(expected)] == expected


async def test_capture_with_loss_reordering_and_duplicates() -> None:
    packets = capture("g711a.pcap")
    dropped = set(range(10, len(packets) - 5, 25))  # a loss at the very end is undetectable
    kept = [p for i, p in enumerate(packets) if i not in dropped]
    for i in range(3, len(kept) - 1, 17):
        kept[i], kept[i + 1] = kept[i + 1], kept[i]
    kept.insert(50, kept[40])
    # In real time: silence for a loss is bounded by the time that passed (a sender
    # faster than real time gets no more than a second of it in all).
    audio, _, stats = await replay(kept, ptime=0.03)
    expected = bytearray(reference_audio(packets))
    for i in dropped:
        expected[i * 480 : (i + 1) * 480] = bytes(480)
    assert audio[: len(expected)] == bytes(expected)
    assert (stats.lost, stats.duplicates) == (len(dropped), 1)


async def test_capture_with_a_400_million_timestamp_jump() -> None:
    packets = capture("g711a.pcap")
    for packet in packets[100:]:
        packet.timestamp = (packet.timestamp + 400_000_000) & 0xFFFFFFFF
    audio, _, stats = await replay(packets)
    expected = reference_audio(packets)
    assert audio[: len(expected)] == expected
    assert stats.lost == 0


async def test_audio_then_rfc2833_digits_each_reported_once() -> None:
    audio_packets = capture("g711a.pcap")
    digits = ["1", "2", "pound", "star", "0"]
    packets = list(audio_packets)
    for name in digits:
        packets += capture(f"dtmf_2833_{name}.pcap")
    audio, received_digits, stats = await replay(packets)
    assert received_digits == ["1", "2", "#", "*", "0"]
    expected = reference_audio(audio_packets)
    assert audio[: len(expected)] == expected
    assert stats.lost == 0

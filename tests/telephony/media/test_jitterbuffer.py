from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hotline.telephony.rtp.jitterbuffer import JitterBuffer

from tests.fixtures.media import sweep_pcm

FRAME = 320

Packet = tuple[int, int, int, bytes | None]  # (sequence, timestamp, ssrc, pcm)


def packetise(
    pcm: bytes, samples: int = 160, seq: int = 1000, ts: int = 5000, ssrc: int = 7
) -> list[Packet]:
    size = samples * 2
    return [
        ((seq + i) & 0xFFFF, (ts + i * samples) & 0xFFFFFFFF, ssrc, pcm[o : o + size])
        for i, o in enumerate(range(0, len(pcm), size))
    ]


def run(packets: list[Packet], **options: int) -> tuple[bytes, list[bytes], JitterBuffer]:
    frames: list[bytes] = []
    buffer = JitterBuffer(frames.append, **options)
    for packet in packets:
        buffer.push(*packet)
    buffer.flush()
    return b"".join(frames), frames, buffer


def whole_frames(frames: list[bytes]) -> bool:
    """Audio comes out in whole 20 ms frames (one delivery may carry several)."""
    return all(len(f) and len(f) % FRAME == 0 for f in frames)


def test_in_order_stream_comes_out_unchanged_in_20ms_frames() -> None:
    pcm = sweep_pcm(1.0)
    out, frames, buffer = run(packetise(pcm))
    assert out == pcm
    assert whole_frames(frames)
    assert (buffer.stats.lost, buffer.stats.late, buffer.stats.duplicates) == (0, 0, 0)


def test_reordering_within_the_window_is_repaired() -> None:
    pcm = sweep_pcm(1.0)
    packets = packetise(pcm)
    for i in range(0, len(packets) - 3, 5):  # swap neighbours and move one by three
        packets[i], packets[i + 1] = packets[i + 1], packets[i]
        packets[i + 2], packets[i + 3] = packets[i + 3], packets[i + 2]
    out, _, buffer = run(packets)
    assert out == pcm
    assert buffer.stats.lost == 0


def test_duplicates_are_dropped_and_counted() -> None:
    pcm = sweep_pcm(0.5)
    packets = packetise(pcm)
    doubled = [p for packet in packets for p in (packet, packet)]
    doubled += packets[:3]  # long after: duplicates of delivered packets
    out, _, buffer = run(doubled)
    assert out == pcm
    assert buffer.stats.duplicates == len(packets) + 3
    assert buffer.stats.late == 0


def test_lost_packets_become_exact_digital_silence_of_the_right_length() -> None:
    pcm = sweep_pcm(1.0)
    packets = packetise(pcm)
    lost = {10, 20, 21, 22}
    out, _, buffer = run([p for i, p in enumerate(packets) if i not in lost])
    assert len(out) == len(pcm)
    expected = bytearray(pcm)
    for i in lost:
        expected[i * FRAME : (i + 1) * FRAME] = bytes(FRAME)
    assert out == bytes(expected)
    assert buffer.stats.lost == 4
    assert buffer.stats.filled_samples == 4 * 160


def test_a_packet_arriving_after_its_hole_was_filled_is_late() -> None:
    pcm = sweep_pcm(0.6)
    packets = packetise(pcm)
    late = packets.pop(5)
    packets.insert(15, late)  # ten packets later: past the reorder window
    out, _, buffer = run(packets, reorder_packets=4)
    assert len(out) == len(pcm)
    assert out[5 * FRAME : 6 * FRAME] == bytes(FRAME)
    assert (buffer.stats.lost, buffer.stats.late) == (1, 1)


def test_sequence_wrap_around_is_seamless() -> None:
    pcm = sweep_pcm(1.0)
    packets = packetise(pcm, seq=65530, ts=0xFFFFFF00)
    packets[5], packets[7] = packets[7], packets[5]  # reorder across the wrap
    out, _, buffer = run(packets)
    assert out == pcm
    assert (buffer.stats.lost, buffer.stats.resyncs) == (0, 0)


def test_loss_across_the_wrap_is_filled() -> None:
    pcm = sweep_pcm(0.5)
    packets = packetise(pcm, seq=65533)
    out, _, buffer = run(packets[:2] + packets[5:])  # 65535, 0, 1 lost
    assert len(out) == len(pcm)
    assert out[2 * FRAME : 5 * FRAME] == bytes(3 * FRAME)
    assert buffer.stats.lost == 3


def test_ssrc_change_resynchronises_without_loss_or_fill() -> None:
    first, second = sweep_pcm(0.4, seed=1), sweep_pcm(0.4, seed=2)
    packets = packetise(first, seq=100, ssrc=1) + packetise(second, seq=40000, ts=9, ssrc=2)
    out, _, buffer = run(packets)
    assert out == first + second
    assert (buffer.stats.lost, buffer.stats.resyncs) == (0, 1)


def test_stragglers_of_the_old_ssrc_are_dropped() -> None:
    first, second = sweep_pcm(0.4, seed=1), sweep_pcm(0.4, seed=2)
    old = packetise(first, ssrc=1)
    new = packetise(second, seq=5, ssrc=2)
    out, _, buffer = run(old[:-1] + new[:2] + old[-1:] + new[2:])
    assert out == first[:-FRAME] + second
    assert buffer.stats.late == 1


def test_timestamp_jump_of_400_million_is_followed_with_bounded_memory() -> None:
    pcm = sweep_pcm(2.0)
    packets = packetise(pcm)
    jumped = [
        (seq, (ts + 400_000_000) & 0xFFFFFFFF if i >= 50 else ts, ssrc, payload)
        for i, (seq, ts, ssrc, payload) in enumerate(packets)
    ]
    jumped.pop(60)  # a loss right after the jump is still sized sanely
    tracemalloc.start()
    try:
        out, _, buffer = run(jumped)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(out) == len(pcm)
    assert out[60 * FRAME : 61 * FRAME] == bytes(FRAME)
    assert out[: 60 * FRAME] == pcm[: 60 * FRAME]
    assert peak < 1_000_000  # the whole run, output included, stays small


def test_timestamp_jump_together_with_loss_never_fills_hugely() -> None:
    pcm = sweep_pcm(1.0)
    packets = packetise(pcm)
    after = [(s, (t + 400_000_000) & 0xFFFFFFFF, c, p) for s, t, c, p in packets[23:]]
    out, _, buffer = run(packets[:20] + after)  # 3 packets lost exactly at the jump
    assert len(out) == len(pcm)
    assert buffer.stats.filled_samples == 3 * 160


def test_sequence_restart_is_confirmed_by_the_next_packet() -> None:
    first, second = sweep_pcm(0.5, seed=1), sweep_pcm(0.5, seed=2)
    packets = packetise(first, seq=30000) + packetise(second, seq=10)  # same SSRC
    out, _, buffer = run(packets)
    assert out == first + second
    assert buffer.stats.resyncs == 1


def test_one_stray_far_packet_is_dropped() -> None:
    pcm = sweep_pcm(0.5)
    packets = packetise(pcm, seq=100)
    stray = (20000, 1, 7, b"\x7f\x7f" * 160)
    out, _, buffer = run(packets[:10] + [stray] + packets[10:])
    assert out == pcm
    assert buffer.stats.late == 1


@pytest.mark.parametrize("ptime_ms", [10, 30, 40, 60])
def test_any_packet_size_comes_out_as_20ms_frames(ptime_ms: int) -> None:
    pcm = sweep_pcm(1.2)
    out, frames, _ = run(packetise(pcm, samples=8 * ptime_ms))
    assert whole_frames(frames)
    assert out[: len(pcm)] == pcm
    assert out[len(pcm) :] == bytes(len(out) - len(pcm))  # only the final frame is padded


def test_loss_of_30ms_packets_is_filled_by_timestamp() -> None:
    pcm = sweep_pcm(0.9)  # 30 packets of 240 samples
    packets = packetise(pcm, samples=240)
    out, _, buffer = run(packets[:7] + packets[8:])
    assert len(out) == len(pcm)
    assert out[7 * 480 : 8 * 480] == bytes(480)
    assert buffer.stats.filled_samples == 240


def test_event_packets_occupy_sequence_numbers_without_audio() -> None:
    pcm = sweep_pcm(0.4)
    audio = packetise(pcm)
    events = [((1000 + len(audio) + i) & 0xFFFF, 99999, 7, None) for i in range(8)]
    tail = packetise(pcm, seq=1000 + len(audio) + 8, ts=200000)
    out, _, buffer = run(audio + events + tail)
    assert out == pcm + pcm
    assert buffer.stats.lost == 0


def test_a_huge_forward_gap_is_capped() -> None:
    pcm = sweep_pcm(0.2)
    first = packetise(pcm, seq=0, ts=0)
    # 2000 packets (40 s) missing, with matching timestamps: filled, but capped at 5 s.
    second = packetise(pcm, seq=len(first) + 2000, ts=(len(first) + 2000) * 160)
    out, _, buffer = run(first + second)
    assert buffer.stats.lost == 2000
    assert len(out) == 2 * len(pcm) + 5 * 16000
    assert not np.any(np.frombuffer(out[len(pcm) : -len(pcm)], "<i2"))


def test_options_are_validated() -> None:
    with pytest.raises(ValueError):
        JitterBuffer(lambda frame: None, capacity=4, reorder_packets=4)


def test_release_held_delivers_packets_waiting_behind_a_hole() -> None:
    pcm = sweep_pcm(0.4)
    packets = packetise(pcm)
    frames: list[bytes] = []
    buffer = JitterBuffer(frames.append)
    for packet in packets[:8] + packets[9:11]:  # packet 8 lost, then the sender pauses
        buffer.push(*packet)
    assert buffer.holding
    assert len(b"".join(frames)) == 8 * FRAME
    buffer.release_held()
    assert not buffer.holding
    assert b"".join(frames) == pcm[: 8 * FRAME] + bytes(FRAME) + pcm[9 * FRAME : 11 * FRAME]
    for packet in packets[11:]:  # the stream resumes seamlessly
        buffer.push(*packet)
    buffer.flush()
    assert len(b"".join(frames)) == len(pcm)


def run_batched(packets: list[Packet], batch: int) -> tuple[bytes, list[bytes], JitterBuffer]:
    """As the RTP session feeds it: in-order runs through push_run, the rest one by one."""
    frames: list[bytes] = []
    buffer = JitterBuffer(frames.append)
    for start in range(0, len(packets), batch):
        group = packets[start : start + batch]
        index = 0
        while index < len(group):
            seq, ts, ssrc, pcm = group[index]
            if pcm is not None and buffer.next_in_order(seq, ssrc):
                end = index + 1
                while (
                    end < len(group)
                    and group[end][0] == (group[end - 1][0] + 1) & 0xFFFF
                    and group[end][2] == ssrc
                    and group[end][3] is not None
                ):
                    end += 1
                run_ = group[index:end]
                last = run_[-1]
                joined = b"".join(p[3] for p in run_)  # type: ignore[misc]
                buffer.push_run(len(run_), ts, last[1], len(last[3]) // 2, joined)  # type: ignore[arg-type]
                index = end
            else:
                buffer.push(seq, ts, ssrc, pcm)
                index += 1
    buffer.flush()
    return b"".join(frames), frames, buffer


@pytest.mark.parametrize("batch", [1, 3, 5, 64])
def test_runs_pushed_at_once_equal_packets_pushed_one_by_one(batch: int) -> None:
    pcm = sweep_pcm(1.2)
    packets = packetise(pcm, seq=0xFFF0)  # across the sequence wrap
    events = [((0xFFF0 + 20 + i) & 0xFFFF, 99999, 7, None) for i in range(4)]
    stream = packets[:20] + events + packetise(pcm, seq=(0xFFF0 + 24) & 0xFFFF, ts=90000)
    # loss, reordering, a duplicate and a 30 ms stretch on top
    stream = stream[:30] + stream[31:40] + [stream[41], stream[40]] + stream[40:]
    stream += packetise(pcm[:4800], samples=240, seq=(0xFFF0 + len(stream) + 5) & 0xFFFF)
    expected_out, _, expected = run(stream)
    out, frames, buffer = run_batched(stream, batch)
    assert out == expected_out
    assert whole_frames(frames[:-1])
    assert buffer.stats == expected.stats


def test_with_arrival_times_the_fill_never_runs_ahead_of_real_time() -> None:
    """Sequence jumps whose timestamps agree (2000 packets "lost" each time) used to add
    up to 5 s of silence each, however little time passed: 6 s of packets gave a minute
    of recording. With arrival times, the audio stays within real time + the slack."""
    pcm = sweep_pcm(6.0)
    packets = packetise(pcm)
    jumped: list[Packet] = []
    skip = 0
    for index, (seq, ts, ssrc, payload) in enumerate(packets):
        if index >= 100 and index % 15 == 0:
            skip += 2000
        jumped.append(((seq + skip) & 0xFFFF, (ts + skip * 160) & 0xFFFFFFFF, ssrc, payload))
    frames: list[bytes] = []
    buffer = JitterBuffer(frames.append)
    for index, packet in enumerate(jumped):
        buffer.now = 100.0 + index * 0.02  # arrives in real time
        buffer.push(*packet)
    buffer.flush()
    seconds = len(b"".join(frames)) / 16000
    assert 6.0 <= seconds <= 6.0 + 1.0 + 0.1  # the slack, give or take a packet
    # A real loss, with the time it took, is still filled in full.
    frames.clear()
    buffer = JitterBuffer(frames.append)
    for index, packet in enumerate(packets):
        if 100 <= index < 150:  # one second of packets never arrives
            continue
        buffer.now = 100.0 + index * 0.02
        buffer.push(*packet)
    buffer.flush()
    assert len(b"".join(frames)) == len(pcm)
    assert buffer.stats.filled_samples == 50 * 160

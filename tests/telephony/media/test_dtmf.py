from __future__ import annotations

import pytest
from hotline.telephony.rtp.dtmf import (
    DtmfReceiver,
    build_event,
    digit_code,
    event_packets,
    parse_event,
)


def test_payload_round_trip() -> None:
    event = parse_event(build_event(11, end=True, duration=1280, volume=10))
    assert (event.digit, event.end, event.duration, event.volume) == ("#", True, 1280, 10)


def press(receiver: DtmfReceiver, digit: str, timestamp: int, now: float) -> list[str]:
    """Feed one complete press as a sender emits it; return what was reported."""
    reported = []
    for index, packet in enumerate(event_packets(digit, 160)):
        got = receiver.feed(0x1234, timestamp, packet.payload, now + index * 0.02)
        if got is not None:
            reported.append(got)
    return reported


def test_each_press_is_reported_once_despite_updates_and_three_end_packets() -> None:
    receiver = DtmfReceiver()
    assert press(receiver, "5", 1000, 0.0) == ["5"]
    assert press(receiver, "5", 2600, 0.5) == ["5"]  # a new press has a new timestamp
    assert press(receiver, "#", 4200, 1.0) == ["#"]


def test_a_press_whose_first_packets_were_lost_is_reported_from_the_end_packet() -> None:
    receiver = DtmfReceiver()
    end = build_event(3, end=True, duration=1280)
    assert [receiver.feed(1, 800, end, t) for t in (0.0, 0.02, 0.04)] == ["3", None, None]


def test_verbatim_replay_of_a_capture_counts_again() -> None:
    # sipp replays pcaps unchanged: the same digit twice has the same timestamp.
    receiver = DtmfReceiver()
    assert press(receiver, "1", 13280, 0.0) == ["1"]
    assert press(receiver, "1", 13280, 5.0) == ["1"]


def test_unknown_events_and_malformed_payloads_are_ignored() -> None:
    receiver = DtmfReceiver()
    assert receiver.feed(1, 0, build_event(16, end=False, duration=160), 0.0) is None
    assert receiver.feed(1, 0, build_event(200, end=True, duration=160), 0.0) is None
    assert receiver.feed(1, 0, b"\x01", 0.0) is None


def test_event_packets_follow_rfc_4733() -> None:
    packets = list(event_packets("7", 160))
    events = [parse_event(p.payload) for p in packets]
    assert [p.marker for p in packets] == [True] + [False] * (len(packets) - 1)
    assert all(e.digit == "7" for e in events)
    assert [e.end for e in events[-3:]] == [True, True, True]
    assert not any(e.end for e in events[:-3])
    assert {e.duration for e in events[-3:]} == {1280}
    durations = [e.duration for e in events[:-3]]
    assert durations == sorted(durations) and durations[0] == 160
    assert [p.due for p in packets] == sorted(p.due for p in packets)


def test_digits_are_validated() -> None:
    assert digit_code("a") == 12
    for bad in ("x", "", "12"):
        with pytest.raises(ValueError):
            digit_code(bad)
    with pytest.raises(ValueError):
        list(event_packets("1", 10))

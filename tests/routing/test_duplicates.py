"""并单 candidates for a new draft."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hotline.ticketing.routing import DraftInfo, OpenTicketInfo, find_duplicates

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def _open(ticket_id: int, text: str, hours_ago: float, **kw) -> OpenTicketInfo:  # type: ignore[no-untyped-def]
    return OpenTicketInfo(ticket_id, text, NOW - timedelta(hours=hours_ago), **kw)


def test_same_number_and_similar_content_within_the_window() -> None:
    draft = DraftInfo(
        "喂 你好 红海 街道 幸福 小区 停水 了 一直 没 来水",
        NOW,
        caller_number="13800138000",
        unit_id="water",
    )
    tickets = [
        _open(1, "红海街道幸福小区停水了，到现在没来水", 3, unit_id="water"),
        _open(2, "暖气不热", 20, caller_number="+86 138-0013-8000"),
        _open(3, "红海街道幸福小区停水了", 24 * 30),  # outside the window
        _open(4, "出租车拒载", 1),
        _open(5, "红海街道幸福小区停电了一直没来电", 2, unit_id="power"),
        _open(6, "幸福小区停水", 5, callback_number="13800138000", unit_id="water"),
    ]
    found = find_duplicates(draft, tickets, window_days=7)
    ids = [c.ticket_id for c in found]
    assert ids[0] == 6  # same number and similar
    assert set(ids) == {1, 2, 6}
    assert 3 not in ids and 4 not in ids and 5 not in ids
    by_id = {c.ticket_id: c for c in found}
    assert by_id[2].same_number and "同一来电" in by_id[2].reason
    assert not by_id[1].same_number and "相似度" in by_id[1].reason
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_window_is_configurable() -> None:
    draft = DraftInfo("幸福小区停水了", NOW, caller_number="13800138000")
    old = _open(1, "幸福小区停水了", 24 * 10)
    assert find_duplicates(draft, [old], window_days=7) == []
    assert [c.ticket_id for c in find_duplicates(draft, [old], window_days=14)] == [1]


def test_nothing_to_compare() -> None:
    assert find_duplicates(DraftInfo("", NOW), [_open(1, "", 1)]) == []
    assert find_duplicates(DraftInfo("停水", NOW), []) == []
    assert find_duplicates(DraftInfo("停水", NOW), [_open(1, "暖气", 1)]) == []


def test_limit() -> None:
    draft = DraftInfo("幸福小区停水了", NOW)
    tickets = [_open(i, "幸福小区停水了", i) for i in range(1, 20)]
    assert len(find_duplicates(draft, tickets, limit=5)) == 5


def test_a_request_in_traditional_script_finds_its_simplified_twin() -> None:
    draft = DraftInfo("熊嶽鎮溫泉小區的路燈壞了一個禮拜，晚上黑得看不見路", NOW)
    tickets = [
        _open(1, "熊岳镇温泉小区的路灯坏了一个礼拜，晚上黑得看不见路", 2),
        _open(2, "红海街道幸福小区停水了", 2),
    ]
    found = find_duplicates(draft, tickets)
    assert [c.ticket_id for c in found] == [1]
    assert found[0].similarity > 0.95

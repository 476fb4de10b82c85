"""Help vs complaint (round 20): a caller put off by the party or the unit is
complaining; water that does not reach the caller's floor is a fault to fix.

The rules alone are asked (no classifier), so the cue itself is what is tested; each
complaint has a look-alike of the same fault asked to be fixed, which stays help.
"""

from __future__ import annotations

import pytest
from hotline.ticketing.routing.suggest import Router


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Went to the party and was put off (找…说): the catalogue's 找过, 推诿.
        ("楼道灯坏了一个多月 找物业说没钱修", "complaint"),
        ("楼道灯坏了 麻烦派人来修一下", "help"),
        # Told the unit does not handle it (说…不管), or sent on to another (让找).
        ("楼上漏水把我家墙泡了 物业说他们不管", "complaint"),
        ("村口路灯不亮 村里让找供电局 供电局不接电话", "complaint"),
        ("村口路灯不亮 晚上孩子放学害怕 能不能来修修", "help"),
        # A new excuse after the first (又说): the promise not kept.
        ("停水说中午来水 到中午又说晚上 现在还没有", "complaint"),
        # Blame put as a question (为什么不, 到底谁管).
        ("药没了要跑四十里去区里打 为什么不能提前备好", "complaint"),
        ("村道的雪一直没人推 这条道到底谁管", "complaint"),
        # Water that does not reach the caller's floor: a supply to restore.
        ("我家住六楼 一到晚上水就上不来 做饭都没水", "help"),
    ],
)
def test_put_off_or_fault(rules_only_router: Router, text: str, expected: str) -> None:
    assert rules_only_router.suggest(text).category == expected

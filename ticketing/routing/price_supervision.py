"""A price's standard or posting, or a business's licence, asked: the market regulator's. No I/O.

One pattern for the readings that meet at a tourist setting: `duty_object.tourist_price`
reads it as the market regulator's object (the beach and the tourist only its setting), and
`shore.shore_fee` leaves such a line alone rather than reading a beach's fee — so the two
cannot pull one request apart (海水浴场里的淋浴间冲一次十五块 这个收费标准是谁定的).
"""

from __future__ import annotations

import re

PRICE_OR_LICENCE = re.compile(
    r"(?:价格|收费|物价)(?:公示|标准|部门)|(?:没|不|未)(?:有)?(?:明码)?标价|标价牌"
    r"|明码标价|乱收费|(?:没有|没|无)(?:营业)?执照|无照|(?:啥|什么)照都没"
    r"|(?:没有|没|无|不)(?:任何)?公示"
)

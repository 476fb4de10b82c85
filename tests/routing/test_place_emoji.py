"""Area names typed with an emoji for one syllable (海⭐ for 海星, 🐻岳 for 熊岳): spelt out
only where the picture's meaning completes an area's name with the characters around it."""

from __future__ import annotations

import pytest
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.place_emoji import PlaceEmoji

NAMES = ["红海街道", "红海", "海星街道", "海星", "望海", "熊岳镇", "熊岳", "芦屯镇", "芦屯", "红旗"]


@pytest.fixture
def reader() -> PlaceEmoji:
    return PlaceEmoji(NAMES, ["红旗车", "红海行动"])


@pytest.mark.parametrize(
    ("text", "spelt"),
    [
        ("停电了，海⭐街道这片全黑了", "停电了，海星街道这片全黑了"),
        ("海⭐️那边一家夜宵店", "海星那边一家夜宵店"),  # with a variation selector
        ("🌊星这片新开了个台球厅", "海星这片新开了个台球厅"),
        ("奶奶住望🌊，楼门口结冰了", "奶奶住望海，楼门口结冰了"),
        ("我家住🐻岳，大喇叭天天响", "我家住熊岳，大喇叭天天响"),
        ("红🚩这边电压低", "红旗这边电压低"),
        ("🔴旗镇这边的卫生院", "红旗镇这边的卫生院"),
        ("🌾屯镇政府：道没人扫", "芦屯镇政府：道没人扫"),
    ],
)
def test_a_picture_completing_an_area_name_is_spelt(
    reader: PlaceEmoji, text: str, spelt: str
) -> None:
    assert reader.spelt(text) == spelt


@pytest.mark.parametrize(
    "text",
    [
        "⭐ 差评！！门票说包含所有项目，进去才知道要另外加钱",  # a rating
        "给孩子买了个🐻，才玩两天眼睛就掉了",  # a teddy bear
        "海边🌊太大了，栈道被冲坏了",  # a wave beside 海 makes no name
        "🌊⭐ 我们这片的路灯不亮",  # two pictures: no character of the name as written
        "楼下停了辆红🚩车，天天占消防通道",  # 红旗车 is a car, not the town
        "晚上🌙真亮，就是路灯不亮",
    ],
)
def test_no_picture_is_spelt_where_it_makes_no_area_name(reader: PlaceEmoji, text: str) -> None:
    assert reader.spelt(text) == text.replace("\ufe0f", "")


def test_the_router_places_a_name_typed_with_an_emoji(router: Router) -> None:
    written = "我家住🐻岳，村里的大喇叭每天早上五点半就开始放歌放通知，夜班回来刚睡着就给吵醒"
    assert router.suggest(written).area == "xiongyue"
    assert router.suggest("停电了，海⭐街道这片几栋楼全黑了，赶紧来人修修").area == "haixing"
    assert router.suggest("给孩子买了个🐻，玩了两天眼睛就掉了，商家不给退").area is None

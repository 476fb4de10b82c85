"""A television without a picture: cable and 户户通 are the culture, tourism and broadcasting
bureau's (广播电视). No I/O.

Callers tell a set without channels in many words (没信号, 没台了, 收不着台, 一片雪花, 蓝屏,
机顶盒显示无信号) and often whom it leaves without (老伴就爱看个戏, 老人就指着看个电视), and
those words are civil affairs' to the classifier (r32_spoken:11 went there held out).

Counted on the retired labels of rounds 2–33 (bench/RESULTS.md, round 34, elders34): 电视 with a
lost picture within a few characters, or 有线电视, 户户通, 机顶盒: culture and tourism 19 of 19,
in 15 rounds. Not read (other units' by the labels): a set that will not turn on with the voltage
or the power (电压, 停电: the power company's, r3_spoken:13), a bill (电费), the TV station
threatened (电视台), warnings shown on TV (预警: the emergency bureau's).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.reading import Reading

BROADCAST_UNIT = "culture_tourism"
# The old or the poor the caller speaks for: civil affairs' words in the scene.
SCENE_UNITS = ("civil_affairs",)

# A set without channels or picture, or the cable and the box themselves.
_NO_PICTURE = re.compile(
    r"电视[^。！？，,]{0,8}?(?:没台|没信号|没有信号|无信号|收不着|收不到|雪花|花屏|蓝屏|黑屏|没节目)"
    r"|有线电视|户户通|机顶盒"
)
# The power's (电压, 停电, 电费), the station's (电视台), a warning shown on TV (预警).
_NOT_READ = re.compile(r"电压|停电|电费|跳闸|电视台|预警")


def tv_signal(text: str) -> str:
    """The words telling a television without its picture, or ""."""
    if _NOT_READ.search(text):
        return ""
    found = _NO_PICTURE.search(text)
    return found.group(0) if found else ""


def tv_signal_readings(text: str) -> list[Reading]:
    """Culture and tourism over the scene's civil affairs, in `text` (compact)."""
    words = tv_signal(text)
    return [(BROADCAST_UNIT, words, SCENE_UNITS)] if words else []

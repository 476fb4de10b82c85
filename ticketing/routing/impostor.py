"""A fraudster posing as a unit to get money transferred: the police's. No I/O.

说是医保局的 说医保卡冻结了 让她转钱, 冒充疾控的…让交八百块隔离费 我妈差点就转了, 说是公安局的
…让我转到安全账户: the unit named is the fraudster's disguise, and its duty words (医保卡,
冻结) are the pretext; the money moved or asked for is telecom fraud, the police's duty
(治安, 诈骗). Without money asked for, a pretender is the named unit's own matter (冒充燃气
公司上门推销报警器 is the gas company's, 冒充应急局…让买灭火器 the emergency bureau's), as the
seed corpus labels them.
"""

from __future__ import annotations

import re
from functools import cache

from hotline.ticketing.routing.roles import ADDRESSED_AS
from hotline.ticketing.routing.rule_votes import FRAUD_UNIT

POLICE_UNIT = FRAUD_UNIT
# Names a fraudster takes besides the units' own (roles.ADDRESSED_AS).
_OTHER_DISGUISES = ("疾控", "客服", "银行")


@cache
def _posing() -> tuple[re.Pattern[str], dict[str, str]]:
    """Posing (冒充 / 假冒 / 自称 / 说是 / 说自己是, then within a few characters the
    disguise) and each unit name's unit."""
    unit_of = {n: u for u, names in ADDRESSED_AS.items() for n in names}
    names = sorted({*unit_of, *_OTHER_DISGUISES}, key=len, reverse=True)
    pattern = re.compile(
        r"(?:冒充|假冒|自称|假装|说是|说他是|说自己是)[^。！？!?]{0,4}?"
        rf"(?P<name>{'|'.join(re.escape(n) for n in names)})"
    )
    return pattern, unit_of


# Money moved or asked for at a distance: the mark of the fraud.
_TRANSFER = re.compile(r"转钱|转账|汇款|打钱|转到|转了|转走|安全账户|验证码")
# Or, after the posing, the unit saying it sent no one or the caller calling them cheats
# (说是燃气公司的来安检…卖报警器…燃气公司说根本没派人 举报这俩骗子): a fake at the door
# selling under a unit's name is the police's too. Not the caller asking whether he is the
# unit's man (这是你们公司的人吗, 别是骗子吧): that the unit answers.
_DENIED = re.compile(
    r"没派人|没派过人|没有派人|(?<!是)不是(?:他们|我们|公司|燃气公司)(?:的|派的)人"
    r"|(?<![是别])(?:这|那)?[俩两几个]?骗子(?![吧吗])"
)


def _money_or_denial(text: str, start: int) -> re.Match[str] | None:
    """After the posing, the money asked for or the unit's denial (`_DENIED`)."""
    return _TRANSFER.search(text, start) or _DENIED.search(text, start)


# The fraud's script without a disguise named (a message read aloud: 您的快递已丢失 客服将为
# 您办理三倍理赔 请添加客服QQ; 自称客服…让我下载个会议软件共享屏幕): the lure of money (a claim,
# a refund, a prize, a frozen account) and the step that hands the fraudster control (add
# a contact, download an app, share the screen, click a link). Either alone is ordinary
# (an app to download for a pension check, a vote link in a village chat group).
_LURE = re.compile(r"理赔|赔付|退款|退费|三倍|双倍|中奖|冻结|解冻|返现|返利")
_HANDOVER = re.compile(
    r"(?:添加|加)[^。！？，]{0,4}?(?:QQ|qq|微信|好友)|下载[^。！？，]{0,6}?(?:APP|App|app|软件)"
    r"|共享屏幕|屏幕共享|点[了开击]?[^。！？，]{0,4}?链接"
)


def _script(text: str) -> str:
    """The lure and the handover of the fraud's script, or "" (see `_LURE`)."""
    lure, handover = _LURE.search(text), _HANDOVER.search(text)
    if lure is None or handover is None:
        return ""
    start, end = min(lure.start(), handover.start()), max(lure.end(), handover.end())
    return text[start:end] if end - start <= 40 else handover.group(0)


def impostor(text: str) -> tuple[str, str | None]:
    """(the words of the posing, the unit posed as or None) when a fraudster posed as a
    unit and money was moved or asked for after it (or the unit denied sending him), or
    the fraud's script was told with no disguise named (`_script`: no unit posed as);
    ("", None) otherwise."""
    pattern, unit_of = _posing()
    posing = pattern.search(text)
    if posing is None or _money_or_denial(text, posing.end()) is None:
        return _script(text), None
    return posing.group(0), unit_of.get(posing.group("name"))


def without_pretext(text: str) -> str:
    """The text without the fraudster's disguise and pretext (from the posing to the money
    asked for): what the unit classifier reads, so that the pretext's duty words (医保卡
    冻结了) do not stand for the matter, which is the fraud."""
    pattern, _ = _posing()
    posing = pattern.search(text)
    transfer = _money_or_denial(text, posing.end()) if posing else None
    if posing is None or transfer is None:
        return text
    return text[: posing.start()] + " " + text[transfer.start() :]

"""The matter a written message is about, when it first recalls an earlier one. No I/O.

Web-form messages often tell what was reported before (本人此前就拖欠工资问题多次反映过,
已经处理完毕) and then turn to this request with a set phrase (现在反映的是另一件事：…);
callers set a first matter aside and turn to the ask (路灯不亮，那个不着急，主要是…).
The units and the type are read from what follows the last such turn; the area and the
epidemic flag still from the whole message (the caller's address is often in the
back-story, and the flag marks any mention of the epidemic).

A city 12345 forward ends with the city's own pick of a unit and a closing formula
(建议承办单位：区住房和城乡建设局。请核实处理。): the forwarder's guess, not the caller's
matter, and its 建议 is no suggestion of the caller's. The units and the type are read
without it.
"""

from __future__ import annotations

import re

# The turn from an earlier matter to this one.
_TURN = re.compile(
    r"另一件事|另外一件事|另一个问题|另外一个问题|另一个事"
    r"|(现在|这次|此次|今天|本次)(想|要)?(反映|举报|投诉|咨询)的是"
    r"|现在的问题是"
    # Spoken: the caller sets the first matter aside and turns to the ask (我们小区路灯不亮，
    # 那个不着急，主要是…; 那个算了，主要是…; 三个问题…最主要的是…).
    r"|(不着急|不急|不要紧|算了|先不说了?|无所谓|再打听)[^。！？?!]{0,12}?主要(是|想说)?"
    r"|最主要的是"
    # A caller who counts off questions names the one the call is for (我先问下老年卡在哪办…
    # 行 我主要是想问 灵活就业的养老保险…; 问完这个我主要是想问…; 主要就问这个…).
    r"|主要(是|就)?想?(问|说|反映|咨询)(一下|的是)?"
)
# A web form's tag (【投诉】, 【求助】) is the sender's pick of a form, not what they ask:
# in the dev sets it disagreed with the labelled type in 9 of 11 messages.
_FORM_TAG = re.compile(r"【[^】]{0,8}】")
# The forwarder's pick of a unit, up to the end of its sentence, and the closing formula.
_FORWARD_PICK = re.compile(
    r"(?:建议|拟|推荐)?(?:承办|主办|责任)单位[:：][^。；;\n]{0,40}[。；;]?"
    r"|请(?:予以)?核实(?:后)?(?:处理|办理|回复)?[。！!]?"
)
MIN_MATTER = 12  # characters after the turn: fewer are no matter of their own


def current_matter(text: str) -> str:
    """`text` from its last turn to a new matter on, or all of it without one; a
    form's tag and a forward's pick of a unit left out."""
    text = _FORM_TAG.sub("", text)
    picked = _FORWARD_PICK.sub("", text)
    text = picked if len(re.sub(r"\W", "", picked)) >= MIN_MATTER else text
    ends = [m.end() for m in _TURN.finditer(text)]
    if not ends:
        return text
    rest = text[ends[-1] :]
    return rest if len(re.sub(r"\W", "", rest)) >= MIN_MATTER else text

"""Spoken and 东北 dialect Chinese → the plain written Chinese the rules and the classifier
know. No I/O.

Callers here say 咋整 for 怎么办, 啥 for 什么, 嘎哈 for 干什么, 埋汰 for 脏, 俺 for 我; they
open with fillers (嗯, 那个啥, 哎呀妈呀, 我跟你说), repeat the point ("暖气不热，暖气不热"),
ask yes/no questions with a final 不 ("医保能报不" for 能报吗) and read room and year
numbers digit by digit ("五零二", "二零二五年"); visitors type traditional characters
(traditional.py). `normalise_speech` rewrites
these before routing, so a rule written once in plain Chinese matches them all. The
callback number is read from the caller's own words, not from this text.
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.traditional import simplified

# Longest first where one contains another (applied in this order).
DIALECT: tuple[tuple[str, str], ...] = (
    ("哎呀妈呀", ""),
    ("我的妈呀", ""),
    ("埋了吧汰", "脏"),
    ("埋了巴汰", "脏"),
    ("埋汰", "脏"),
    ("黑灯瞎火", "很黑没有灯"),
    ("黑咕隆咚", "很黑没有灯"),
    ("老鼻子了", "很多"),
    ("老鼻子", "很多"),
    ("啥玩意儿", "什么"),
    ("啥玩意", "什么"),
    ("咋回事儿", "怎么回事"),
    ("咋整啊", "怎么办啊"),
    ("咋整", "怎么办"),
    ("咋弄", "怎么办"),
    ("咋办", "怎么办"),
    ("咋地", "怎么样"),
    ("咋的", "怎么样"),
    ("咋", "怎么"),
    ("嘎哈", "干什么"),
    ("干啥", "干什么"),
    ("为啥", "为什么"),
    ("啥", "什么"),
    ("给整整", "给修修"),
    ("整坏", "弄坏"),
    ("整伤", "弄伤"),
    ("整丢", "弄丢"),
    ("整明白", "弄明白"),
    ("犄角旮旯", "角落"),
    ("这疙瘩", "这里"),
    ("那疙瘩", "那里"),
    ("这旮沓", "这里"),
    ("那旮沓", "那里"),
    ("这嘎达", "这里"),
    ("那嘎达", "那里"),
    ("这旮", "这里"),
    ("那旮", "那里"),
    ("这块儿", "这里"),
    ("那块儿", "那里"),
    # Shifting the blame and a sour face are the catalogue's 推诿 and 态度差.
    ("踢皮球", "推诿"),
    ("甩脸子", "态度差"),
    ("甩脸色", "态度差"),
    ("耍钱", "赌博"),
    ("忽悠", "欺骗"),
    ("扯犊子", "胡说"),
    ("磕碜", "难看"),
    ("膈应", "恶心"),
    ("闹心", "烦心"),
    ("白瞎", "浪费"),
    ("瞅瞅", "看看"),
    ("瞅", "看"),
    ("贼拉", "很"),
    ("嗷嗷", "很"),
    ("嘎嘎", "很"),
    ("拔凉拔凉", "很凉"),
    ("老些", "很多"),
    ("半拉", "一半"),
    ("稀碎", "很碎"),
    # 俺 (I, we) is how 东北 and 山东 callers say 我; the rules and the corpus write 我.
    ("俺们", "我们"),
    ("俺", "我"),
    ("俩月", "两个月"),
    ("仨月", "三个月"),
    ("俩", "两个"),
    ("仨", "三个"),
)
# 贼 is "very" before an adjective ("贼快"), a thief elsewhere ("抓贼").
_ZEI = re.compile(r"贼(?=[快慢大小多少差贵好冷热臭脏呛猛凶难远高低响吵亮黑乱破凉])")
# Words that carry nothing: hesitation, greetings, openers before the point.
_FILLERS = re.compile(
    r"(?:喂+|你好你好|我跟你说啊?|我跟你讲啊?|是这么回事啊?|是这样的|就是说|就是那个|"
    r"那个啥|那个那个|这个这个|嗯+|呃+|额+(?=[，,。\s]))"
)
# A phrase said twice in a row, with or without a pause between ("井盖没了，井盖没了").
_REPEAT = re.compile(r"([\u4e00-\u9fff]{2,16}?)(?:[，,、。！!\s]*\1)+")
# Digit-by-digit readings (rooms, years, numbers): three or more digit characters with no
# 十/百/千/万 next to them — "十四五度" and "七八十" stay words.
_DIGITS = {
    "零": "0", "〇": "0", "幺": "1", "一": "1", "二": "2", "三": "3", "四": "4",
    "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
}  # fmt: skip
# The spoken yes/no question "V不" at the end of a clause ("医保能报不", "老年人免票不")
# is the written "V吗"; a statement hardly ever ends on 不. A recogniser's space is no
# clause end: it also splits "从来不 公开", "充不 进去".
_TAG_QUESTION = re.compile(r"(?<=[\u4e00-\u9fff])不(?=[，,。？?！!]|$)")
_DIGIT_RUN = re.compile(r"(?<![十百千万亿])[零〇幺一二三四五六七八九]{3,}(?![十百千万亿])")


def _digits(match: re.Match[str]) -> str:
    return "".join(_DIGITS[c] for c in match.group(0))


def normalise_speech(text: str) -> str:
    """The text in plain written Chinese: traditional script in simplified characters,
    dialect words replaced, fillers dropped, immediate repetitions said once,
    digit-by-digit numbers as Arabic digits, a clause-final question 不 as 吗."""
    text = _FILLERS.sub("", simplified(text))
    for heard, plain in DIALECT:
        text = text.replace(heard, plain)
    text = _ZEI.sub("很", text)
    text = _TAG_QUESTION.sub("吗", text)
    text = _DIGIT_RUN.sub(_digits, text)
    return _REPEAT.sub(r"\1", text)

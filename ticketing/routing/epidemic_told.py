"""The epidemic told in everyday words, with no cue of `config/routing.yaml` said. No I/O.

Four readings of the catalogue's rule (config/bayuquan-catalog.yaml `epidemic`), each
counted on the retired blind sets of rounds 2–25 before it was built (round 26):

- A positive test said another way (`positive`): 阳的 (楼里都有阳的了), 阳过, and the
  test's two lines (我也两道杠了): 13 of 13 retired lines read so are 涉疫. Not the sun's or
  a town's 阳 (太阳的, 沈阳的, 向阳的), a hepatitis B carrier's 小三阳, the epidemic as a
  time (阳的那阵, read as `recalled` before this), nor a pregnancy test's lines (验孕, 怀孕).
- A dose of a named vaccine (`dose`): a vaccine-preventable disease and the shot's number
  (乙肝第二针, 麻腮风第二针, 百白破第三针, 九价HPV前两针) — 15 of 15 涉疫.
  A person's routine shot, although 乙肝 alone is a check-up's finding; not beside an
  animal (the pet's or the herd's shots).
- People struck down counted, with a fever said (`struck`): 倒下六个 … 发烧咳嗽, 烧倒了
  四个, 发烧了五个 — 10 of 10 with a fever word; a fall (摔倒了两个) or a toppled fence
  says none, and a count of time (发烧了两个月) names no people.
- Several households or people with the same stomach upset and no meal named
  (`shared_gut`): 楼里好几家上吐下泻, 五户人家都有人上吐下泻, 后厨好几个人上吐下泻 — 13 of
  13; with a meal named (吃完盒饭好几个都吐了) the labels split (2 of 4: a food matter as
  often as an outbreak), and beside an animal (好几家的羊拉稀) it is the herd's. Widened in
  round 28 (care28) to 又烧又吐 and its kin and to a count of three or more (十来个孩子 …
  又烧又吐); and several said to have the same illness as the one told (`same_in_several`:
  拉肚子 … 村里好几个老太太都这样, 还有三个孩子也这样了), no meal and no animal named. With
  them, every retired line of rounds 2–27 either reads is 涉疫: 36 of 36 (`shared_gut` 32,
  `same_in_several` 4; every line saying several 都这样 after an illness, 7 of 7).
"""

from __future__ import annotations

import re

# 阳 of the sun, a slope or a town, and the carrier's 小三阳/大三阳: not a positive test.
NOT_POSITIVE_BEFORE = "太沈朝向遮夕阴欧丹益衡襄贵洛晒斜重三"
POSITIVE = re.compile(rf"(?<![{NOT_POSITIVE_BEFORE}])阳(?:的|过)(?!那|时候|天|光|台|面|坡)")
TWO_LINES = re.compile(r"[两二]道杠|[两二]条杠")
PREGNANCY = ("怀孕", "验孕", "早孕", "孕棒", "排卵")

# Diseases a routine or travel shot prevents, as callers name the shot (乙肝第二针).
VACCINES = (
    "乙肝",
    "甲肝",
    "百白破",
    "白破",
    "乙脑",
    "卡介",
    "麻腮风",
    "麻风",
    "脊灰",
    "流脑",
    "水痘",
    "HPV",
    "九价",
    "四价",
    "二价",
    "肺炎",
    "流感",
    "带状疱疹",
    "手足口",
    "EV71",
)
DOSE = re.compile(
    f"(?:{'|'.join(map(re.escape, VACCINES))}).{{0,4}}?"
    r"(?:第[一二三四五六1-6]针|[前头后][一两三2-3]针|加强针)"
)

# A count of two or more people, the count as callers say it (六个, 七八个, 十来个, 好几个).
COUNT = r"(?:[两二三四五六七八九十几][一二三四五六七八九十几多来]*|好几|[2-9]|[1-9]\d+)"
# Struck down (倒下, 病倒, 烧倒), or fevered, then the count of those struck.
STRUCK = re.compile(
    rf"(?<!摔)(?<!撞)(?<!刮)(?:倒下|病倒|倒了|烧倒|发烧|发热|高烧)了?(?:一下子?)?{COUNT}"
    r"(?:个|名|位)(?!多?(?:月|小时|钟头|星期|礼拜|晚上|白天|点))"
)
FEVER = ("发烧", "发热", "高烧", "烧倒", "烧得", "烧到")

# Several households or several people, then the same stomach upset within a few characters.
SEVERAL = (
    r"(?:好几家|好几户|好多家|好多户|几户|[两三四五六七八九十]户|家家"
    r"|好几个|好多人|不少人|一帮人|[三四五六七八九十][一二三四五六七八九十几多来]*个"
    r"(?!多?(?:月|小时|钟头|星期|礼拜|晚上|白天|点)))"
)
GUT = r"(?:上吐下泻|又吐又拉|又拉又吐|又拉又烧|又烧又拉|又烧又吐|又吐又烧|拉肚子|腹泻|拉稀)"
SHARED_GUT = re.compile(rf"{SEVERAL}[^。！？!?]{{0,12}}?{GUT}")
# The illness told, then several others said to have the same (村里好几个老太太都这样,
# 还有三个孩子也这样了).
SAME = r"(?:都这样|也这样|也是这样|都是这样|都一样|也一样)"
SAME_IN_SEVERAL = re.compile(rf"{SEVERAL}[^。！？!?，,]{{0,8}}?{SAME}")
SAME_ILLNESS = re.compile(
    rf"{GUT}|上吐|呕吐|发烧|发热|高烧|咳嗽|起泡|疱疹|出疹|红眼|手足口|水痘|诺如|痢疾"
)
# A meal named: the upset may be the meal's (a food matter), which the labels split on.
MEAL = ("吃完", "吃了", "吃的饭", "盒饭", "饭菜", "聚餐", "酒席", "吃席", "发霉", "过期")


def positive(text: str) -> list[str]:
    """A positive test said another way (有阳的了, 两道杠), not a pregnancy test's lines."""
    found = [m.group(0) for m in POSITIVE.finditer(text)][:1]
    if not any(w in text for w in PREGNANCY):
        found += [m.group(0) for m in TWO_LINES.finditer(text)][:1]
    return found


def dose(text: str, animals: tuple[str, ...]) -> list[str]:
    """A numbered dose of a named vaccine (乙肝第二针), not beside an animal."""
    if any(a in text for a in animals):
        return []
    return [m.group(0) for m in DOSE.finditer(text)][:1]


def struck(text: str) -> list[str]:
    """People struck down and counted (倒下六个, 发烧了五个), with a fever said."""
    if not any(w in text for w in FEVER):
        return []
    return [m.group(0) for m in STRUCK.finditer(text)][:1]


def shared_gut(text: str, animals: tuple[str, ...], food: tuple[str, ...]) -> list[str]:
    """Several households or people with the same stomach upset, no meal and no animal
    named (`food`: the words that blame a meal, as `gut_food`)."""
    if any(w in text for w in (*animals, *MEAL, *food)):
        return []
    return [m.group(0) for m in SHARED_GUT.finditer(text)][:1]


def same_in_several(text: str, animals: tuple[str, ...], food: tuple[str, ...]) -> list[str]:
    """An illness told, then several people said to have the same (好几个老太太都这样), no
    meal and no animal named (`food`: the words that blame a meal, as `gut_food`)."""
    if any(w in text for w in (*animals, *MEAL, *food)):
        return []
    for m in SAME_IN_SEVERAL.finditer(text):
        if SAME_ILLNESS.search(text, 0, m.start()):
            return [m.group(0)]
    return []

"""The epidemic flag's cues (涉疫; config/routing.yaml `epidemic`). No I/O.

The labelling rule is the catalogue's (config/bayuquan-catalog.yaml `epidemic`): a
request about an infectious disease of people or its prevention — tests, fever clinics,
isolation, outbreaks, and vaccinating people, routine shots included — is 涉疫; animal
and plant diseases, a pet's or a farm animal's vaccine, and a chronic illness found at a
check-up are not.

How a message raises the flag, in order:

1. A rabies shot (`rabies`: 狂犬, by spelling or by sound: 狂全, 框犬) where a person is
   told bitten or scratched (`bitten`: 让邻居家狗给咬了, 野狗咬了三个孩子): the bitten
   person's shot, although a dog or a cat is named (which keeps the shared cues silent).
   Also the shots without the word (`bite_shots`: 得打几针, 打疫苗) where an animal that
   carries rabies (`biters`: 狗, 猫, 耗子) bit; not stitches (缝了几针).
2. A strong cue said (`strong`), else `weak_needed` weak ones. Said means spelt, or
   heard as a toneless sound-alike (一情 for 疫情), or — the names of diseases, clinics
   and tests in `fuzzy` only — as a fuzzy sound-alike (模糊音, fuzzy_sound.py: 罗如 for
   诺如, 发乐门诊 for 发热门诊); a cue built of everyday words is not (小区分了 is not
   小区封了). The shared cues (`general`: 确诊, 发烧, 疫苗) do not count where another
   illness or an animal is named (`other_illness`); `exclude` words contain a cue in
   another sense (隔离带, 禽流感, 太阳了), and a cue right after an animal's name
   (`animals`) is the animal's disease (猪流感, 羊的布病); an epidemic place followed
   by a word pointing at another place (`landmarks`, `near`: 发热门诊旁边那个胡同) is a
   landmark. The epidemic recalled as a past time (`recalled`: 疫情那阵儿, 疫情那会儿;
   or named by its routines, epidemic_dated.py: 核酸天天做那年) is one weak cue: with a
   measure (设卡, 居家) it is the measure's matter, alone it dates another one
   (疫情那阵儿欠的工资), and so does being away then (疫情那阵子一家在外地回不来: `AWAY`
   in epidemic_dated.py is no measure). A body hiding its cases (`hiding`: 瞒着,
   不往上报) is one weak cue however many of its words are said.
3. Fevers in several people (`cluster`: 都发烧, 一半孩子发烧, 一帮发烧咳嗽的), the
   outbreak (聚集性发病) the catalogue counts; a shared cue, so beside an animal or
   another illness only where the people are named with it (`cluster_people`: 养鸡场
   死了不少鸡, 两个工人也高烧 — not 好几头猪发烧), and silent beside a cold home or the
   heat (`cluster_not`: 暖气, 锅炉, 中暑). So are a counted group's fevers
   (`counted_fevers`: 七八个女工发烧, 十二个人有六个发烧), beside an animal or another
   illness only where the people are named (三个工人发烧; not 五头猪发烧, a herd's count).
   Told loosely (epidemic_group.py: 七八个家长说孩子发烧, 一屋四个后半夜全烧起来了) only
   where neither is named.

Guards on sound-alikes, since a disease's name is short and an everyday word can sound
like it: a two-character cue counts by sound only when heard as one word, and not when
that word is a character plus a particle (水都 in 水都漫到屋门口: 水 + 都, not 水痘); a
fuzzy sound-alike must not be a dictionary word (合算 is a word, 格力 a brand) and must
keep characters of the cue's own: one of a two-character cue, heard as one word and
blurred in its initials only (罗如 for 诺如, not 分村 for 封村); half of a longer one,
which may also begin inside a word the segmenter joined across (得手组口了 → 手足口);
and none may end in a particle the cue lacks (鼻子出血了 is not 出血热). A two-character
`fuzzy` cue heard by its exact sound may also begin a longer word that no dictionary
knows, where the segmenter glued it to the next word (抗元测了 → 抗元测 + 了), if it keeps
one of the cue's characters; so may one that ends a longer unknown word (我甲留 → 甲流),
or one heard as two one-character words (挪 + 如 → 诺如: the segmenter splits a pair it
does not know) with no particle among them.
"""

from __future__ import annotations

import re
from itertools import product

from hotline.ticketing.routing import epidemic_told
from hotline.ticketing.routing.epidemic_dated import AWAY, routine_dated
from hotline.ticketing.routing.epidemic_group import group_fevers
from hotline.ticketing.routing.fuzzy_sound import canonical, final_of, readings
from hotline.ticketing.routing.phonetic import PhoneticIndex, TextSound, sound, syllables
from hotline.ticketing.routing.rules import EpidemicRules, Phrase

# Characters that end a two-character "word" the segmenter glued from a noun and a
# particle or adverb (水都, 话了, 钱也): such a word is not a sound-alike of a cue.
PARTICLES = frozenset("都也就还又才了的着过呢吗吧啊呀")

# How far before a fever-cluster phrase its people may be named (两个工人|也高烧).
PEOPLE_BEFORE = 4

# A count of two or more (七八, 十二, 六, 十几, 好几, 12) before a counter of people.
COUNT = r"(?:[两二三四五六七八九十百几][一二三四五六七八九十几多来]*|好几|[2-9]|[1-9]\d+)"
COUNTERS = "个名位"
# A counter of time is no group of people (三个月发烧, 两个多小时高烧不退).
NOT_TIME = r"(?!多?(?:月|小时|钟头|钟|星期|礼拜|周|晚上|白天|夜|点))"
# How many characters of one clause may stand between a counted group and its fevers
# (十一个孩子请假都是发烧, 七八个老人接连发烧, 十二个人有六个发烧) ...
FEVER_GAP = 4
# ...unless they name one of the group (两个孩子一个发烧, 有个发烧, 老大发烧, 我发烧) or
# deny the fever (都没发烧).
GAP_NOT = ("一个", "一名", "一位", "1个", "有个", "老大", "老二", "老三", "我", "没", "不")

# Ten or more (十, 十几, 二十多, 四十来, 12, 好几十) before a counter of people (个, 名, 位,
# 口: 四十多口子人), for an outbreak of vomiting (`_counted_gut`).
MANY = r"(?:[二三四五六七八九几]?十[一二三四五六七八九几多来]*|[1-9]\d+|好几十|上百)"
MANY_COUNTERS = "个名位口"
# How far after the count the vomiting may be said (十几个孩子都上吐下泻, 三十多个工人半夜都吐了).
GUT_AFTER = 8

# The passive's markers: the bitten is said right before them (小猫让狗咬了).
PASSIVE = "被让叫"
# When-words a caller puts between the bitten animal and the passive (我家狗半夜让野狗咬了):
# the animal is still the bitten. Round 28 (epi28), retired rounds 2–28: an animal told
# bitten 0 of 2 涉疫; its own shot asked (狗得打啥疫苗, 给狗打) 8 of 9 not, the ninth asking
# a bitten person's shot.
WHEN = ("半夜", "昨天", "昨晚", "前天", "刚才", "今天", "早上", "晚上", "夜里", "上午", "下午")

# Words before a blamed food that deny the blame (不像是吃坏了, 不是食物中毒).
FOOD_DENIED = ("不像", "不是", "并非", "排除")

# The test's places besides `landmarks`, as said after a word for the past (原来核酸检测点).
RELICS = ("核酸检测点", "核酸检测亭", "核酸检测", "核酸小屋", "核酸亭子", "核酸", "检测点")

# The end of an illness's name after a diagnosis (确诊了白血病, 查出尿毒症), up to five
# characters before it; not 病例, 病人 (确诊病例 names no illness).
ILLNESS = (
    r"(?:了|为|是|出|出来|出来是|说是)?(?:个|那个)?"
    r"(?P<name>[\u4e00-\u9fff]{0,5}?[症病癌瘤])(?![例人毒])"
)
# Names that name no illness (没查出啥病, 查出个毛病来).
VAGUE = frozenset(
    ["啥", "什么", "毛", "怪", "大", "小", "重", "急", "疾", "这", "那", "别的", "其他"]
)


class EpidemicReader:
    """The epidemic cues a text says, as `RuleReader.epidemic_words` reports them."""

    def __init__(self, rules: EpidemicRules, phonetic: PhoneticIndex) -> None:
        self.rules = rules
        self.phonetic = phonetic
        self._rabies = [sound(w) for w in rules.rabies]
        # The shared cues are silent beside an animal anyway, and a word like 牛 may be
        # a misheard syllable (加牛疫苗: 甲流疫苗), so only the other cues are the animal's.
        cues = sorted({*rules.strong, *rules.weak} - {*rules.general}, key=len, reverse=True)
        self._animal_cue = (
            re.compile(
                f"(?:{'|'.join(map(re.escape, rules.animals))})的?(?:"
                f"{'|'.join(map(re.escape, cues))})"
            )
            if rules.animals and cues
            else None
        )
        # An epidemic place as a landmark: 发热门诊旁边那个胡同, 防疫站对面那家饭店.
        self._landmark = (
            re.compile(
                f"(?:{'|'.join(map(re.escape, rules.landmarks))})(?:"
                f"{'|'.join(map(re.escape, rules.near))})"
            )
            if rules.landmarks and rules.near
            else None
        )
        # A counted group's fevers (`_counted_fevers`): count, counter, perhaps who, fever.
        people = "|".join(map(re.escape, sorted({*rules.cluster_people, "人"}, key=len)[::-1]))
        self._counted = (
            re.compile(
                f"{COUNT}[{COUNTERS}]{NOT_TIME}(?P<who>{people})?"
                f"(?P<gap>[^，。！？、；：,.!?;: _]{{0,{FEVER_GAP}}}?)(?:"
                f"{'|'.join(map(re.escape, rules.counted_fevers))})"
            )
            if rules.counted_fevers
            else None
        )
        # Many people vomiting (`_counted_gut`): count, counter, then the words within reach.
        self._gut = (
            re.compile(
                f"{MANY}[{MANY_COUNTERS}](?P<who>子?(?:{people}))?"
                f"[^，。！？,.!? ]{{0,{GUT_AFTER}}}?(?:"
                f"{'|'.join(map(re.escape, rules.counted_gut))})"
            )
            if rules.counted_gut
            else None
        )
        # A diagnosis naming an illness (`_other_diagnosed`).
        self._diagnosed = (
            re.compile(f"(?:{'|'.join(map(re.escape, rules.diagnosed))}){ILLNESS}")
            if rules.diagnosed
            else None
        )
        self._own_cues = sorted({*rules.strong, *rules.fuzzy} - {*rules.general}, key=len)
        # An epidemic place or the test after a word for the past (原来核酸检测点那个亭子):
        # the place's whole name, so that its cues are not heard in it either.
        relics = sorted({*rules.landmarks, *RELICS}, key=len, reverse=True)
        self._relic = (
            re.compile(
                f"(?:{'|'.join(map(re.escape, rules.past))})(?:的那个|的|做的|做|那个|那)?(?:"
                f"{'|'.join(map(re.escape, relics))})"
            )
            if rules.past and rules.landmarks
            else None
        )
        # Exact sound keys of the two-character `fuzzy` cues (see `_glued`).
        self._glue_keys = {cue: self.phonetic.sound_of(cue) for cue in rules.fuzzy if len(cue) == 2}
        # Fuzzy keys of the `fuzzy` cues (Chinese characters only: one syllable each).
        self._fuzzy: list[tuple[str, str, int]] = []  # key, cue, syllables
        for cue in rules.fuzzy:
            count = len(syllables(cue))
            if count >= 2 and count == len(cue):
                for combo in product(*map(readings, syllables(cue))):
                    self._fuzzy.append((" " + " ".join(combo) + " ", cue, count))

    def words(self, text: str, text_sound: TextSound) -> list[str]:
        """The cues said in `text` (the compact, corrected message; `text_sound` its sound
        with the speaker's word boundaries); empty when the flag stays down."""
        rules = self.rules
        bitten = self._bitten(text, text_sound)
        if bitten:
            return bitten
        other = any(w in text for w in rules.other_illness) or self._other_diagnosed(text)
        # (防疫员, in `other_illness`, is excluded below)
        # The epidemic recalled as a time (疫情那阵儿欠的工资) is silenced as a strong cue
        # and counts as one weak cue: a measure said with it still raises the flag.
        recalled = [w for w in rules.recalled if w in text][:1]
        # So is a time named by the epidemic's routines (核酸天天做那年, epidemic_dated.py).
        dated = [d for d in (routine_dated(text),) if d]
        excluded = [w for w in rules.exclude if w in text] + recalled + dated
        recalled = recalled or dated
        if self._animal_cue is not None:  # the animal's disease: 猪流感, 羊的布病
            excluded += [m.group(0) for m in self._animal_cue.finditer(text)]
        if self._landmark is not None:  # a place beside an epidemic place
            excluded += [m.group(0) for m in self._landmark.finditer(text)]
        if self._relic is not None:  # an epidemic place of the past
            excluded += [m.group(0) for m in self._relic.finditer(text)]
        for word in excluded:
            text = text.replace(word, "_")

        def said(word: str) -> bool:
            if word in text:
                return True
            if any(word in e for e in excluded):  # its sound is the excluded word's
                return False
            key = self.phonetic.sound_of(word)
            if key is None:
                return False
            words, heard = text_sound.match(key)
            if any(heard in e for e in excluded):  # 家干 (自己家干活) is not 甲肝
                return False
            # A two-character cue heard as two words is two everyday words (水都 for 水痘
            # said 水 都), and so is one heard as a word ending in a particle (水都漫到).
            if words == 1:
                return len(heard) != 2 or heard[-1] not in PARTICLES
            if words == 0:
                return self._glued(word, text_sound, excluded)
            if words == 2 and len(word) == 2:
                return self._split(word, heard)
            return words > 1 and len(word) > 2

        general = set(rules.general) if other else set()
        strong = [w for w in rules.strong if w not in general and said(w)]
        if strong:
            return strong
        # The epidemic told in everyday words (epidemic_told.py): a positive test, a dose.
        told = epidemic_told.positive(text) + epidemic_told.dose(text, rules.animals)
        if told:
            return told
        if not any(w in text for w in rules.cluster_not):
            cluster = [
                p.text
                for p in rules.cluster
                if (self._people_fevers(p, text) if other else p.found_in(text))
            ] + self._counted_fevers(text, people_only=other)
            cluster += self._counted_gut(text, people_only=other)
            if not other:  # people struck down, households sharing an upset
                cluster += epidemic_told.struck(text) + group_fevers(text)
                cluster += epidemic_told.shared_gut(text, rules.animals, rules.gut_food)
                cluster += epidemic_told.same_in_several(text, rules.animals, rules.gut_food)
            if cluster:
                return cluster
        hiding = [w for w in rules.hiding if w in text][:1]  # counted once: 瞒着不往上报
        weak = [w for w in rules.weak if w not in general and said(w)]
        if recalled:  # where the caller was in the recalled epidemic dates, as it does
            weak = [w for w in weak if w not in AWAY]
        weak += recalled + hiding
        if len(weak) >= rules.weak_needed:
            return weak
        return self._fuzzy_heard(text_sound, general, excluded)

    def _people_fevers(self, phrase: Phrase, text: str) -> bool:
        """A cluster phrase beside an animal or another illness counts only as people's
        fevers: a `cluster_people` word in it or just before it (两个工人也高烧), with no
        animal between that word and the fever (工人说鸡都发烧 is the chickens')."""
        for start, end in phrase.spans(text):
            window = text[max(0, start - PEOPLE_BEFORE) : end]
            for person in self.rules.cluster_people:
                at = window.rfind(person)
                rest = window[at + len(person) :]
                if at >= 0 and not any(a in rest for a in self.rules.animals):
                    return True
        return False

    def _counted_fevers(self, text: str, *, people_only: bool) -> list[str]:
        """A count of two or more people with fevers (七八个女工发烧, 十二个人有六个发烧,
        七八个老人接连发烧, 十一个孩子请假都是发烧: a few words of one clause between), the
        catalogue's 聚集性发病 said with a number; beside an animal or
        another illness only where the people are named (three 工人, not five of the
        herd). A count of time (三个月发烧) names no people, so it does not match."""
        return _first_counted(self._counted, text, people_only)

    def _counted_gut(self, text: str, *, people_only: bool) -> list[str]:
        """Ten or more people counted with vomiting or diarrhoea (二十多个又吐又拉, 三十多个
        工人都上吐下泻): an outbreak, the catalogue's 聚集性发病, whatever its source; a
        family's or a table's upset after one meal (no count of ten) is a food matter.
        Beside an animal or another illness only where the people are named; never where
        food poisoning is said (医生说是食物中毒): the catalogue counts that out."""
        if self._food_blamed(text):
            return []
        return _first_counted(self._gut, text, people_only)

    def _food_blamed(self, text: str) -> bool:
        """Food poisoning said, or the meal blamed as the caller says it (豆角没熟透,
        吃了不新鲜的海鲜, 饭菜变质, 吃坏肚子): the catalogue's near miss; not where the
        blame is denied (不像是吃坏了: the caller rules the food out)."""
        for word in self.rules.gut_food:
            at = text.find(word)
            while at >= 0:
                if not any(n in text[max(0, at - 3) : at] for n in FOOD_DENIED):
                    return True
                at = text.find(word, at + 1)
        return False

    def _other_diagnosed(self, text: str) -> bool:
        """A diagnosis that names an illness not the epidemic's (确诊了白血病, 查出尿毒症,
        诊断为抑郁症): another illness named, as `other_illness`. A name holding one of the
        epidemic's own cues (确诊手足口病, 查出肺结核病) is the epidemic's."""
        if self._diagnosed is None:
            return False
        for m in self._diagnosed.finditer(text):
            name = m.group("name")
            if name[:-1] in VAGUE or len(name) < 2:
                continue
            if not any(cue in name for cue in self._own_cues):
                return True
        return False

    def _bitten(self, text: str, text_sound: TextSound) -> list[str]:
        """[rabies word, bite phrase] when a person's rabies shot is asked about."""
        if not self.rules.rabies:
            return []
        sylls, _, _ = text_sound.parts()
        joined = " " + " ".join(sylls) + " "
        rabies = next(
            (w for w, key in zip(self.rules.rabies, self._rabies, strict=True) if key in joined),
            None,
        )
        if rabies is None and not any(w in text for w in self.rules.rabies):
            # The shots alone (打几针, 打疫苗) where an animal that carries rabies bit.
            shot = next((w for w in self.rules.bite_shots if w in text), None)
            if shot is None or not any(w in text for w in self.rules.biters):
                return []
            rabies = shot
        # 把 names the bitten before the bite (野狗把我儿子腿咬了), the passive (被, 让, 叫)
        # just before itself (小猫让邻居家狗咬了); an animal there is bitten itself (把我家羊
        # 咬伤了, 小猫让狗咬了: the animal's shot), and so is every bite phrase said there.
        animal = [
            (start, end)
            for p in self.rules.bitten
            for start, end in p.spans(text)
            if (p.text[0] == "把" and any(a in text[start:end] for a in self.rules.animals))
            or (p.text[0] in PASSIVE and _animal_before(text[:start], self.rules.animals))
        ]
        bite = next(
            (
                p.text
                for p in self.rules.bitten
                for start, end in p.spans(text)
                if not any(s < end and start < e for s, e in animal)
            ),
            None,
        )
        if bite:
            return [rabies or self.rules.rabies[0], bite]
        # A person's own course of shots with no animal named (狂犬疫苗第三针 过了五天了 还能
        # 接着打不, 卫生院狂犬疫苗又没货了): a pet's shot names its pet. Round 25: on rounds
        # 2–24 the 5 such lines are 涉疫, the 11 naming a dog or a dog's licence are not.
        said = rabies in self.rules.rabies and rabies in text
        if said and not any(a in text.replace(rabies, "") for a in self.rules.animals):
            return [rabies]
        return []

    def _split(self, cue: str, heard: str) -> bool:
        """A two-character `fuzzy` cue heard by its exact sound as two one-character
        words (说是挪如 → 挪 + 如): the segmenter splits a pair it does not know, as the
        recogniser's spelling of a disease's name is, so the pair counts if it is no
        dictionary word, keeps one of the cue's characters and holds no particle (水 +
        都 for 水痘 is two everyday words)."""
        return (
            cue in self._glue_keys
            and not self.phonetic.is_word(heard)
            and any(a == b for a, b in zip(heard, cue, strict=True))
            and not any(c in PARTICLES for c in heard)
        )

    def _glued(self, cue: str, text_sound: TextSound, excluded: list[str]) -> bool:
        """A two-character `fuzzy` cue heard at the start or the end of a longer word
        that no dictionary knows (抗元测: the segmenter glued 抗元 to 测; 我甲留: 我 to
        甲留), keeping one of the cue's characters and not ending in a particle (水都漫
        is 水 + 都)."""
        key = self._glue_keys.get(cue)
        if key is None:
            return False
        sylls, chars, starts = text_sound.parts()
        joined = " " + " ".join(sylls) + " "
        at = joined.find(key)
        while at >= 0:
            index = joined.count(" ", 0, at)
            begin = max((s for s in starts if s <= index), default=index)
            end = min((s for s in starts if s > index), default=index)
            heard = "".join(chars[index : index + 2])
            # The cue begins its word and the word runs on, or the word began before
            # the cue and ends with it.
            glued = (index == begin and end > index + 2) or (begin < index and end == index + 2)
            if (
                glued
                and not self.phonetic.is_word("".join(chars[begin:end]))
                and any(a == b for a, b in zip(heard, cue, strict=True))
                and heard[-1] not in PARTICLES
                and not any(heard in e for e in excluded)
            ):
                return True
            at = joined.find(key, at + 1)
        return False

    def _fuzzy_heard(
        self, text_sound: TextSound, general: set[str], excluded: list[str]
    ) -> list[str]:
        """The `fuzzy` cues heard as fuzzy sound-alikes (see the module's guards)."""
        sylls, chars, starts = text_sound.parts()
        joined = " " + " ".join(canonical(s) for s in sylls) + " "
        found: list[str] = []
        for key, cue, count in self._fuzzy:
            if cue in general or cue in found or any(cue in e for e in excluded):
                continue
            at = joined.find(key)
            while at >= 0:
                index = joined.count(" ", 0, at)
                span = slice(index, index + count)
                if self._fuzzy_ok(cue, chars[span], sylls[span], starts, index):
                    found.append(cue)
                    break
                at = joined.find(key, at + 1)
        return found

    def _fuzzy_ok(
        self, cue: str, heard: list[str], sylls: list[str], starts: set[int], index: int
    ) -> bool:
        """`heard`: the characters at syllable `index` (`sylls` their sounds)."""
        end = index + len(heard)
        word = "".join(heard)
        # A dictionary word, or one ending in a particle the cue lacks (出血了 ≠ 出血热).
        if self.phonetic.is_word(word) or (word[-1] in PARTICLES and word[-1] != cue[-1]):
            return False
        same = sum(a == b for a, b in zip(word, cue, strict=True))
        if len(cue) == 2:
            # A short cue's blur may be its initials only (罗如 for 诺如; not 分村 for 封村).
            finals = all(
                final_of(a) == final_of(b) for a, b in zip(sylls, syllables(cue), strict=True)
            )
            one_word = index in starts and end in starts and index + 1 not in starts
            return finals and one_word and same >= 1
        return 2 * same >= len(cue) and (index in starts or end in starts)


def _first_counted(pattern: re.Pattern[str] | None, text: str, people_only: bool) -> list[str]:
    """The first counted group `pattern` finds, as a one-word list; with `people_only`, only
    one whose people are named (its `who` group)."""
    if pattern is None:
        return []
    for m in pattern.finditer(text):
        gap = m.groupdict().get("gap") or ""
        if any(w in gap for w in GAP_NOT):
            continue
        if m.group("who") or not people_only:
            return [m.group(0)]
    return []


def _animal_before(before: str, animals: tuple[str, ...]) -> bool:
    """An animal ends `before` (the text before a passive), perhaps with a when-word after
    it (狗半夜): the passive's bitten is the animal."""
    for when in ("", *WHEN):
        if before.endswith(when) and before[: len(before) - len(when)].endswith(animals):
            return True
    return False

"""The caller's post where they live or work: who calls, not what the area is to do. No I/O.

A grid worker, village secretary or community worker introduces themselves by the place
and the post (我是芦屯镇一个村的网格员, 我是红旗镇一个村的支书, 我是望海街道一个社区的
网格员) and then tells a household's matter: a collapsed roof, a child kept from school,
a widow's relief. The post is an area-matter word (网格员, 村支书 vote for the town), but
here it only says who is calling; the matter told after it names the duty.

Counted on the retired sets of rounds 2–27 (spoken, written and assist), the seed corpus
and the dev sets: where the caller then speaks for one household or person (有户人家,
辖区一位独居老人, 村里有个五保老人, 老张家的羊), **12 of 12** requests are labelled with the
bureau whose duty the matter is (rounds 15 and 27; 网格员 8, 支书, 妇女主任, 会计, 社区工作人员
1 each). Any such post, for one household or not: bureau 16 of 21 (76 %) — the five led by
the area speak for the whole grid, building or village (r21's storm relief 我们网格三十一户,
这栋楼二十四户, 全村; r15_assist 30 村里想建个锅炉房), and so do 4 bureau-led ones (4 of 9:
a split, not read). A caller who says only where they live (我是芦屯镇那个村的) is another
matter: there the bureau leads 42 of 67 (63 %), so that is not read here (rule_votes keeps
such a residence out of the scene).

What it changes: the post's area-matter words give the area no points (rule_votes), the
unit classifier reads the text without the post (rule_votes.without_scene), and the
classifier's local-matter share is not given to the area (`without_post_area`: the
household's own village words, 村里一户孩子, say where it lives). The area's words still
name it as 属地协办 (the three assist-set requests of this kind, all bureau-led, are
labelled with the area assisting: r27_assist 10, 22, 29), and an area the caller asks to
act still leads (suggest.py reads that after the votes).
"""

from __future__ import annotations

import re

from hotline.ticketing.routing.gazetteer import AreaHit

# The post itself: these are the words the area-matter phrases would hear.
_POST_WORDS = (
    r"(?:社区的?)?(?:网格员|社工|工作人员|村?支书|书记|村主任|妇女主任|主任|村长|村?干部"
    r"|村?会计|楼长)"
)
_POST = re.compile(_POST_WORDS)
# 我是 … (the place: a community, village, subdistrict or town) 的 then the post. The
# place part stops at a clause's end or a new subject.
_WHERE_FROM = re.compile(
    r"(?:我|俺)是[^我俺人不，。！？,!?\s]{0,12}?(?:社区|村|屯|街道|镇|小区|楼)的?"
    f"(?={_POST_WORDS})"
)


# One household or person the caller speaks for (有户人家, 辖区一位独居老人, 村里有个五保老人,
# 老张家的羊), soon after the post; not a count ending in 一 (三十一户 is the grid's).
_ONE_HOUSEHOLD = re.compile(
    r"(?<![零一二三四五六七八九十两百几0-9])一(?:户|位|个|家)|有(?:户|个|位|一户|一位|一个)"
    r"|老[张王李赵刘陈杨黄周吴孙郑马胡林高何郭罗宋谢梁韩唐冯许邓曹彭]家"
)
ONE_HOUSEHOLD_WITHIN = 20  # characters after the post


def post_spans(text: str) -> list[tuple[int, int]]:
    """Where the caller's post follows their self-introduction by place, when the caller
    then speaks for one household or person, in the text."""
    found = []
    for intro in _WHERE_FROM.finditer(text):
        post = _POST.match(text, intro.end())
        if post is None:
            continue
        after = text[post.end() : post.end() + ONE_HOUSEHOLD_WITHIN]
        if _ONE_HOUSEHOLD.search(after):
            found.append(post.span())
    return found


def without_post(text: str) -> str:
    """The text with the caller's post left out (what the unit classifier reads)."""
    for a, b in reversed(post_spans(text)):
        text = f"{text[:a]} {text[b:]}"
    return text


def without_post_area(proba: dict[str, float], area: AreaHit | None, text: str) -> dict[str, float]:
    """The classifier's vote without the area's share when the caller's post speaks for one
    household: the household's village words (村里一户孩子) say where, not whose. (Dropping it
    is not the "no place heard" share: the place was heard.)"""
    if area is None or not post_spans(text):
        return proba
    return {unit: p for unit, p in proba.items() if unit != area.area_id}

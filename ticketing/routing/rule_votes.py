"""What the rules say about a text: unit scores, request type, epidemic words. No I/O.

`RuleReader` holds the rules and the sound index; each method reads one aspect of an
already normalised, corrected and compacted text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from hotline.ticketing.routing.application_question import application_question
from hotline.ticketing.routing.availability_question import (
    AVAILABILITY_WEIGHT,
    availability_question,
)
from hotline.ticketing.routing.backoff import WordBackoff
from hotline.ticketing.routing.caller_post import post_spans
from hotline.ticketing.routing.closing_choice import CLOSING_CHOICE_WEIGHT, closing_choice
from hotline.ticketing.routing.closing_question import (
    CLOSING_WEIGHT,
    CLOSING_WHERE_WEIGHT,
    CONSULT,
    WHETHER_WEIGHT,
    closing_fairness_question,
    closing_where_question,
    whether_question,
)
from hotline.ticketing.routing.community_room import with_community_room
from hotline.ticketing.routing.duty_object import SETTING_FACTOR, duty_objects
from hotline.ticketing.routing.employer import ACT_WEIGHT, LABOUR_UNIT, employer_act
from hotline.ticketing.routing.entitlement_question import (
    ENTITLEMENT_WEIGHT,
    entitlement_question,
    toward_consult,
)
from hotline.ticketing.routing.epidemic import EpidemicReader
from hotline.ticketing.routing.facility_ask import FACILITY_ASK_WEIGHT, SUGGESTION, facility_ask
from hotline.ticketing.routing.farm_loss_ask import FARM_LOSS_WEIGHT, farm_loss_ask
from hotline.ticketing.routing.fraud_type import (
    COMPLAINT,
    complaint_moved,
    false_claim,
    fraud_type,
)
from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.harm import REPORT, caller_harmed, toward_complaint
from hotline.ticketing.routing.ill_group_look import ILL_GROUP_LOOK_WEIGHT, ill_group_look
from hotline.ticketing.routing.info_question import (
    CONSULT_QUESTION_WEIGHT,
    information_question,
)
from hotline.ticketing.routing.judging_question import judged_complaint, judging_question
from hotline.ticketing.routing.matching import find_hits, points
from hotline.ticketing.routing.mediation_ask import MEDIATION_ASK_WEIGHT, mediation_ask
from hotline.ticketing.routing.no_property import with_no_property
from hotline.ticketing.routing.owed_question import OWED_QUESTION_WEIGHT, owed_question
from hotline.ticketing.routing.own_class_outbreak import own_class_outbreak
from hotline.ticketing.routing.phonetic import PhoneticIndex, TextSound
from hotline.ticketing.routing.plight_help import PLIGHT_WEIGHT, plight_help
from hotline.ticketing.routing.polite_ask import HELP, POLITE_ASK_WEIGHT, polite_ask
from hotline.ticketing.routing.public_measure import PUBLIC_MEASURE_WEIGHT, public_measure
from hotline.ticketing.routing.public_wrong import public_wrong, toward_report
from hotline.ticketing.routing.reported_again import help_to_complaint, reported_again
from hotline.ticketing.routing.rules import Hit, PhraseSet, RoutingRules
from hotline.ticketing.routing.status_question import status_question
from hotline.ticketing.routing.supply_fault import SUPPLY_FAULT_WEIGHT, bare_supply_fault
from hotline.ticketing.routing.village_dogs import with_village_dogs
from hotline.ticketing.routing.village_own import with_village_own
from hotline.ticketing.routing.wages_owed import report_to_complaint, wages_owed
from hotline.ticketing.routing.water_danger import DANGER_WEIGHT, EMERGENCY_UNIT, water_danger


@dataclass
class UnitScores:
    """s(u) per unit, the phrases behind each, and how the scores came about."""

    scores: dict[str, float] = field(default_factory=dict)
    hits_of: dict[str, list[Hit]] = field(default_factory=dict)
    area_hits: list[Hit] = field(default_factory=list)  # area-matter phrases heard
    by_words: bool = False  # no phrase matched: words inside phrases/duties (backoff.py)
    fallback: bool = False  # nothing else spoke: the area named takes it

    def rule_lead(self) -> str | None:
        """The rules' own choice (none when the area fallback made the only score)."""
        return top_scored(self.scores) if not self.fallback else None


def top_scored(scores: dict[str, float]) -> str | None:
    return max(scores, key=lambda u: scores[u]) if scores else None


@dataclass(frozen=True)
class CategoryChoice:
    category: str
    hits: list[Hit]  # the cue phrases for it
    classifier_share: float  # the type classifier's share in the decision (0 = cues alone)


# Type cues are mostly question words and function words (在哪, 能不能再, 多久) that the
# recogniser writes right; a sound-alike of one is nearly always another such word (在哪 in
# 再拿, 能不能再 in 能不能在). Only the decisive ones (建议, 举报, 投诉: the act of asking
# itself, weight 4) are also taken by sound (见意 for 建议), and not those whose sound
# another dictionary word shares (检举 is also heard in 住建局).
SOUND_CUE_WEIGHT = 4.0


def _cue_heard(hit: Hit, phrases: PhraseSet, phonetic: PhoneticIndex) -> bool:
    if not hit.by_sound:
        return True
    decisive = any(p.text == hit.phrase and p.weight >= SOUND_CUE_WEIGHT for p in phrases.phrases)
    return decisive and phonetic.sound_of(hit.phrase) is not None


# Who calls (我是物业的, 我开网约车的, 我是送外卖的, 我在化工厂上班): the caller's own trade or
# workplace sets the scene; the duty asked about comes after it. A unit's phrase said only
# inside such a self-introduction counts `SCENE_FACTOR` of its weight. Not 我是想问… nor
# 我是替…打的 (a relative's errand), nor 是…的 telling where or how something was done
# (我是在健身房办的卡, 我在一家健身房办了年卡的): 我在 only with a workplace verb.
_WHO_CALLS = re.compile(
    r"(?:我|俺)(?:(?:是|开|跑)(?!想|要|问|说|替|给|觉得|不是)[^我俺在从去到办买交给被让跟和]{1,12}?"
    r"的(?!时候|话)|在[^我俺的]{1,8}?(?:上班|干活|打工|工作))"
)
SCENE_FACTOR = 0.5
# A fraudster posing as a unit to get money (impostor.py) is the police's, at a decisive
# duty word's weight.
FRAUD_UNIT = "public_security"
FRAUD_WEIGHT = 4.0
# A unit named only to say it turned the matter down (disclaimed.py) is no vote for it.
DISCLAIMED_FACTOR = 0.0


# 我是海港社区的 says where the caller lives, not a trade: the area's own matter may be
# theirs. Unless a post follows (我是幸福社区的社工: the community's worker calling for others).
_RESIDENCE = re.compile(r"(?:社区|小区|村|屯|街道|镇|楼|单元)的$")
_POST = re.compile(r"社工|网格员|工作人员|书记|主任|干部|志愿者")


def scene_spans(text: str) -> list[tuple[int, int]]:
    """Where the caller says who they are (_WHO_CALLS), in the compact text."""
    return [
        m.span()
        for m in _WHO_CALLS.finditer(text)
        if not _RESIDENCE.search(m.group(0)) or _POST.match(text, m.end())
    ]


# A platform said without saying whose (平台这个月乱扣我钱 after 我开网约车的) is the
# caller's own trade's: the request is then about the trade, not something seen at work.
_OWN_PLATFORM = "平台"


def without_scene(text: str) -> str:
    """The text without the caller's self-introduction: what the unit classifier reads,
    so that the caller's trade (网约车, 外卖) does not stand for the duty asked about —
    unless the rest speaks of a platform without saying whose (`_OWN_PLATFORM`): that is
    the trade's own, and the text is read whole."""
    rest, end = [], 0
    # The caller's post for one household (caller_post.py) is who calls as well.
    for a, b in sorted([*scene_spans(text), *post_spans(text)]):
        rest.append(text[end:a])
        end = b
    rest.append(text[end:])
    kept = " ".join(rest)
    if not kept.strip() or any(_OWN_PLATFORM in part for part in rest):
        return text
    return kept


def _in_scene(phrase: str, text: str, scenes: Sequence[tuple[int, int]]) -> bool:
    """Every mention of the phrase lies inside the caller's self-introduction."""
    starts = [i for i in range(len(text)) if text.startswith(phrase, i)]
    return bool(starts) and all(
        any(a <= i and i + len(phrase) <= b for a, b in scenes) for i in starts
    )


def _scaled_within(
    hits: list[Hit], text: str, spans: Sequence[tuple[int, int]], factor: float
) -> list[Hit]:
    """The positive hits said (as written) only inside `spans`, weighed by `factor`."""
    return [
        replace(h, weight=h.weight * factor)
        if h.weight > 0 and not h.by_sound and _in_scene(h.phrase, text, spans)
        else h
        for h in hits
    ]


class RuleReader:
    def __init__(
        self,
        rules: RoutingRules,
        phonetic: PhoneticIndex,
        area_ids: set[str],
        backoff: WordBackoff,
    ) -> None:
        self.rules = rules
        self.phonetic = phonetic
        self.area_ids = area_ids
        self.backoff = backoff
        self._epidemic = EpidemicReader(rules.epidemic, phonetic)

    def hits(
        self, phrases: PhraseSet, text: str, text_sound: TextSound, glued: bool = False
    ) -> list[Hit]:
        return find_hits(phrases, text, text_sound, self.phonetic, glued)

    def unit_scores(
        self,
        text: str,
        text_sound: TextSound,
        area: AreaHit | None,
        disclaimed: Mapping[str, list[tuple[int, int]]] | None = None,
        fraud: tuple[str, str | None, tuple[int, int] | None] = ("", None, None),
    ) -> UnitScores:
        """The units' phrase scores; area matters vote for the area named (unless a
        unit's duty outweighs them); with no phrase at all, words inside the phrases
        and duties vote weakly. `disclaimed`: per unit, where it is named only to say
        the matter is not its own (disclaimed.py): its phrases said only there count
        `DISCLAIMED_FACTOR`. `fraud`: the words of a fraudster posing as a unit to get money,
        the unit posed as and the pretext's span (impostor.fraud_reading): the police's
        matter, the disguise's words none, no unit's words said inside the pretext."""
        scores: dict[str, float] = {}
        hits_of: dict[str, list[Hit]] = {}
        scenes = scene_spans(text)
        # The employer acting against its worker is a labour duty (employer.py).
        act = employer_act(text)
        # Water endangering lives is the emergency bureau's (water_danger.py).
        danger = water_danger(text)
        posing, posed_as, pretext = fraud
        # The object acted on names the duty, its setting's words do not (duty_object.py).
        objects = duty_objects(text)
        for unit_id, phrases in self.rules.units.items():
            # Duty words garbled inside unknown words count (matching.GLUED_FACTOR).
            hits = self.hits(phrases, text, text_sound, glued=True)
            if scenes:
                hits = _scaled_within(hits, text, scenes, SCENE_FACTOR)
            turned_down = (disclaimed or {}).get(unit_id)
            if turned_down:
                hits = _scaled_within(hits, text, turned_down, DISCLAIMED_FACTOR)
            if act and unit_id == LABOUR_UNIT:
                hits = [*hits, Hit(act, ACT_WEIGHT)]
            if danger and unit_id == EMERGENCY_UNIT:
                hits = [*hits, Hit(danger, DANGER_WEIGHT)]
            if posing and unit_id == posed_as != FRAUD_UNIT:
                hits = []  # the disguise: its duty words are the pretext
            if pretext and unit_id != FRAUD_UNIT:
                hits = _scaled_within(hits, text, [pretext], 0.0)  # the fraudster's words
            if posing and unit_id == FRAUD_UNIT:
                hits = [*hits, Hit(posing, FRAUD_WEIGHT)]
            weighed = hits
            for obj in objects:
                if unit_id == obj.unit:
                    hits = weighed = [*hits, Hit(obj.words, obj.weight)]
                elif unit_id in obj.setting_units and not obj.setting_counts:
                    # Only the lead's weighing discounts the setting: its words keep their
                    # weight as a possible second duty (assist.py reads hits_of).
                    weighed = [replace(h, weight=h.weight * SETTING_FACTOR) for h in hits]
            score = points(weighed, text)
            if score > 0:
                scores[unit_id] = score
                hits_of[unit_id] = [h for h in hits if h.weight > 0]
        # A village's own thing (its lamps, its loudspeaker) is its town's (village_own.py),
        # so are a village's dogs (village_dogs.py); a community's shut room and a building
        # with no property company are its community's (community_room.py, no_property.py).
        own = with_village_own(self.hits(self.rules.area_matters.phrases, text, text_sound), text)
        own = with_community_room(with_village_dogs(own, text), text)
        area_hits = with_no_property(own, text)
        # The caller's post (网格员 for one household) says who calls: no vote for the area,
        # though its words still name the area as 属地协办 (caller_post.py).
        area_score = points(_scaled_within(area_hits, text, post_spans(text), 0.0), text)
        if area is not None and area_score > 0:
            best_unit = max((s for u, s in scores.items() if u not in self.area_ids), default=0.0)
            rules = self.rules.area_matters
            outweighed = area_score >= rules.area_over_unit * best_unit
            if best_unit >= rules.unit_beats_area and not outweighed:
                area_score = min(area_score, best_unit * 0.9)  # the unit's duty wins
            scores[area.area_id] = scores.get(area.area_id, 0.0) + area_score
            hits_of.setdefault(area.area_id, []).extend(area_hits)
        if scores:
            return UnitScores(scores, hits_of, area_hits)
        votes = self.backoff.votes(text)
        if not votes.scores:
            return UnitScores(scores, hits_of, area_hits)
        word_hits = {
            u: [Hit(word, votes.scores[u] / len(ws)) for word in ws]
            for u, ws in votes.words.items()
        }
        return UnitScores(votes.scores, word_hits, area_hits, by_words=True)

    def category(
        self,
        text: str,
        text_sound: TextSound,
        p_clf: dict[str, float],
        asked: str = "",
        fraud: str = "",
    ) -> CategoryChoice:
        """The request type, the cue phrases for it, and the type classifier's share.

        Cues score s(t): alone, the highest score wins (the default type when no cue
        reached `categories.min_score`). With a type classifier p_c the two blend:
        (1 − a)·s(t)/Σs + a·p_c(t), a = `classifier.category_weight` ×
        prior / (Σs + prior), prior = `classifier.category_prior`: a confident
        classifier decides when no cue or only a weak one was heard; several strong
        cues still win. `asked`: the request as written, punctuated (info_question.py).
        `fraud`: the words telling a fraud (the first of impostor.fraud_reading): no
        complaint then, nor where the body named denies the claim told (fraud_type.py)."""
        scores: dict[str, float] = {}
        hits_of: dict[str, list[Hit]] = {}
        # A life at risk or without a necessity now (plight_help.py): help, not a grievance.
        plight = plight_help(text)
        # Whether a benefit may be had, asked (entitlement_question.py): the hardship told
        # before it explains the question (能办临时救助不), it asks no one to act; so does
        # whether what was told counts or is lawful, asked (status_question.py: 这能认工伤吗).
        may = "" if plight else entitlement_question(asked, text) or status_question(asked, text)
        # A service asked more than once (reported_again.py): the grievance, not the need.
        again = "" if plight else reported_again(text)
        # Whether a service or a thing is there or still in time (availability_question.py):
        # the door found shut before it explains the question; a consult like `may`.
        there = "" if plight else availability_question(asked, text)
        # How to apply, asked (application_question.py): 咋申请 after the plight told.
        how = application_question(text)
        # A closing question judging what was done (judging_question.py): no help, no consult.
        judged = "" if plight else judging_question(asked, text)
        for cat_id, phrases in self.rules.category_cues.items():
            hits = [
                h
                for h in self.hits(phrases, text, text_sound)
                if _cue_heard(h, phrases, self.phonetic)
            ]
            # A fairness question closing a request that demands nothing (closing_question.py).
            if cat_id == CONSULT and (closing := closing_fairness_question(text)):
                hits = [*hits, Hit(closing, CLOSING_WEIGHT)]
            elif cat_id == CONSULT and (closing := closing_where_question(text)):
                hits = [*hits, Hit(closing, CLOSING_WHERE_WEIGHT)]
            elif cat_id == CONSULT and (whether := whether_question(text)):
                hits = [*hits, Hit(whether, WHETHER_WEIGHT)]  # 要不要, 会不会
            if cat_id == CONSULT and (choice := closing_choice(asked, text)):
                hits = [*hits, Hit(choice, CLOSING_CHOICE_WEIGHT)]  # 算我的还是热力的, 能办不
            if cat_id == CONSULT and (owed := owed_question(text)):
                hits = [*hits, Hit(owed, OWED_QUESTION_WEIGHT)]  # 该不该交, 该交给谁
            if cat_id == CONSULT and may:
                hits = [*hits, Hit(may, ENTITLEMENT_WEIGHT)]  # 能办临时救助不, 医保能报吗
            if cat_id == CONSULT and there:
                hits = [*hits, Hit(there, AVAILABILITY_WEIGHT)]  # 有发热门诊没有, 还来得及不
            if cat_id == CONSULT and (plain := information_question(asked, text)):
                hits = [*hits, Hit(plain, CONSULT_QUESTION_WEIGHT)]  # a plain ？, no demand
            if cat_id == HELP and (please := polite_ask(asked)):
                hits = [*hits, Hit(please, POLITE_ASK_WEIGHT)]  # 麻烦给安排一下
            if cat_id == HELP and (settle := mediation_ask(asked)):
                hits = [*hits, Hit(settle, MEDIATION_ASK_WEIGHT)]  # 请社区来调解调解
            if cat_id == HELP and (look := ill_group_look(text)):
                hits = [*hits, Hit(look, ILL_GROUP_LOOK_WEIGHT)]  # 好几个发烧…派人来看看
            if cat_id == HELP and plight:
                hits = [*hits, Hit(plight, PLIGHT_WEIGHT)]  # 车里关着条狗, 独居…没人应
            if cat_id == HELP and (loss := farm_loss_ask(text)):
                hits = [*hits, Hit(loss, FARM_LOSS_WEIGHT)]  # 猪死了两头…剩下的咋办
            if cat_id == HELP and (fault := bare_supply_fault(text)):
                hits = [*hits, Hit(fault, SUPPLY_FAULT_WEIGHT)]  # 一到晚上就跳闸, told bare
            if cat_id == SUGGESTION and (wish := facility_ask(asked, text)):
                hits = [*hits, Hit(wish, FACILITY_ASK_WEIGHT)]  # 能不能弄个公共厕所
            if cat_id == SUGGESTION and (measure := public_measure(asked, text)):
                hits = [*hits, Hit(measure, PUBLIC_MEASURE_WEIGHT)]  # 收费能不能公示出来
            score = points(hits, text)
            if score >= self.rules.category_min_score and score > 0:
                scores[cat_id], hits_of[cat_id] = score, hits
        order = {c: i for i, c in enumerate(self.rules.category_cues)}
        default = self.rules.category_default
        # Whose harm (harm.py): the caller's own home or family harmed moves part of the
        # report's share to the complaint where the report would win — unless the caller
        # names the act (举报, 检举: a decisive cue), which the labels keep as a report.
        named = any(h.weight >= SOUND_CUE_WEIGHT for h in hits_of.get(REPORT, []))
        own = bool(caller_harmed(text)) and not named
        # Wages owed (wages_owed.py): the workers' own loss, a complaint unless 举报 is said;
        # so is the caller's own child's class ill, the school's handling told
        # (own_class_outbreak.py).
        owed = bool(wages_owed(text) or own_class_outbreak(text)) and not named

        def top(shares: Mapping[str, float]) -> str:
            return max(shares, key=lambda c: (shares[c], -order[c]))

        rule_best = top(scores) if scores else default
        settings = self.rules.classifier
        total = sum(scores.values())
        a = settings.category_weight * settings.category_prior / (total + settings.category_prior)
        if not p_clf or a <= 0:
            # With no cue the default type holds the whole share, and that share moves.
            shares = scores or {default: 1.0}
            if own and rule_best == REPORT:
                rule_best = top(toward_complaint(shares))
            if owed and rule_best == REPORT:
                rule_best = top(report_to_complaint(shares))
            if (fraud or false_claim(text)) and rule_best == COMPLAINT:
                rule_best = top(complaint_moved(shares, fraud_type(text)))
            if plight and rule_best == COMPLAINT:
                rule_best = top(complaint_moved(shares, HELP))
            if again and rule_best == HELP:
                rule_best = top(help_to_complaint(shares))
            if (may or there or how) and rule_best in (HELP, COMPLAINT):
                rule_best = top(toward_consult(shares))
            if judged and rule_best in (HELP, CONSULT):
                rule_best = top(judged_complaint(shares))
            if public_wrong(text) and rule_best in (COMPLAINT, HELP):
                rule_best = top(toward_report(shares))
            return CategoryChoice(rule_best, hits_of.get(rule_best, []), 0.0)
        p_rules = {c: s / total for c, s in scores.items()} if scores else {default: 1.0}

        def blend(rules_p: Mapping[str, float], clf_p: Mapping[str, float]) -> dict[str, float]:
            out = {c: (1 - a) * p for c, p in rules_p.items()}
            for cat_id, p in clf_p.items():
                out[cat_id] = out.get(cat_id, 0.0) + a * p
            return out

        combined = blend(p_rules, p_clf)
        if own and max(combined, key=lambda c: combined[c]) == REPORT:
            combined = blend(toward_complaint(p_rules), toward_complaint(p_clf))
        if owed:  # 不给工钱, 要工钱, 孩子班里十来个发烧 学校照常上课: the caller's own loss
            combined = report_to_complaint(combined)
        if fraud or false_claim(text):  # reported whoever lost by it, or help to get it back
            combined = complaint_moved(combined, fraud_type(text))
        if plight:  # the blame told on the way (说他们不管, 让等着) judges no service
            combined = complaint_moved(combined, HELP)
        if again:  # 报过好几回: the service judged
            combined = help_to_complaint(combined)
        if may or there or how:
            combined = toward_consult(combined)
        if judged:  # 这能等吗, 这不是坑人吗: the service judged
            combined = judged_complaint(combined)
        if public_wrong(text):  # stakes, a card swiped, a minor in a 网吧 (public_wrong.py)
            combined = toward_report(combined)
        best = max(
            combined,
            key=lambda c: (round(combined[c], 9), scores.get(c, 0.0), -order.get(c, len(order))),
        )
        decided_share = a if best != rule_best else 0.0
        return CategoryChoice(best, hits_of.get(best, []), decided_share)

    def epidemic_words(self, text: str, text_sound: TextSound) -> list[str]:
        """The epidemic cues said (epidemic.py): the flag is raised when any are."""
        return self._epidemic.words(text, text_sound)

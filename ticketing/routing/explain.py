"""The suggestion's explanation for the console: who decided, and on what. No I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hotline.ticketing.routing.blend import Ranking
from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.matching import quote
from hotline.ticketing.routing.model_votes import ClassifierVote, HistoryVote
from hotline.ticketing.routing.rule_votes import CategoryChoice, UnitScores, top_scored

# The classifier's "town/community/village matter" vote with no area named is
# mentioned in the explanation from this probability on.
UNPLACED_NOTE = 0.4


@dataclass(frozen=True)
class Votes:
    """Everything that went into the lead, as the explanation needs it."""

    units: UnitScores
    area: AreaHit | None
    classifier: ClassifierVote
    seed_share: float  # a: the voting classifier's share in base
    history: HistoryVote
    ranking: Ranking


def who_decided(
    votes: Votes,
    name: Callable[[str], str],
    classifier_note: Callable[[str], str],
    area_ids: set[str],
) -> tuple[str, str]:
    """(decided_by, the sentence about the lead)."""
    units, ranking, vote = votes.units, votes.ranking, votes.history
    lead = ranking.lead
    if lead is None:
        sentence = "未匹配到承办单位规则"
        if units.area_hits and votes.area is None:
            sentence += f"；涉及村/社区事务{quote(units.area_hits)}但未听出所属镇街"
        return "none", sentence
    rule_lead = units.rule_lead()
    by_scores = top_scored(units.scores)
    w = ranking.history_weight
    if units.fallback and lead == by_scores:
        return "area", f"建议主办：{name(lead)}（未匹配到部门职责，按属地交办）"
    if lead != (rule_lead or by_scores) and (
        ranking.override is None and not (w > 0 and vote.evidence_count)
    ):
        return "classifier", f"建议主办：{name(lead)}（{classifier_note(lead)}）"
    if lead != (rule_lead or by_scores):
        note = f"历史派单模型 {vote.proba.get(lead, 0.0):.2f}"
        n = vote.evidence_count
        if rule_lead and n:
            said = "".join(f"“{p.text}”" for p in vote.phrases_used[:2])
            note += (
                f"：历史上含{said}的 {n} 单中 {vote.evidence[lead]} 单派给了"
                f"{name(lead)}，改判规则建议的{name(rule_lead)}"
            )
        return "history", f"建议主办：{name(lead)}（{note}）"
    # "words": no phrase rule matched; words found inside phrases/duties decided.
    why = quote(units.hits_of.get(lead, []))
    if units.by_words:
        why = f"近似词{why}，未匹配到规则短语，请核对"
    if lead in area_ids and votes.area is not None:
        why = f"属地事务{why}"
    p_hist, p_clf = vote.proba, votes.classifier.proba
    if p_hist.get(lead, 0.0) >= 0.5 and w > 0:
        why += f"；历史派单模型同意 {p_hist[lead]:.2f}"
    elif p_clf.get(lead, 0.0) >= 0.5 and votes.seed_share > 0:
        why += f"；分类模型同意 {p_clf[lead]:.2f}"
    return ("words" if units.by_words else "rules"), f"建议主办：{name(lead)}（依据{why}）"


def context_notes(
    votes: Votes,
    name: Callable[[str], str],
    category_name: str,
    category: CategoryChoice,
    type_probability: float,
    epidemic_words: list[str],
) -> list[str]:
    """The sentences after the lead's: no place heard, the area, the type, the epidemic."""
    parts: list[str] = []
    area, unplaced = votes.area, votes.classifier.unplaced
    if area is None and unplaced >= UNPLACED_NOTE:
        parts.append(f"分类模型：也像村/社区事务（{unplaced:.2f}），未听出所属镇街，请问清地点")
    if area is not None:
        heard = "，音近" if area.by_sound else ""
        parts.append(f"属地：{name(area.area_id)}（“{'”“'.join(area.names[:2])}”{heard}）")
    if category.classifier_share > 0:
        parts.append(f"类型：{category_name}（分类模型 {type_probability:.2f}）")
    elif category.hits:
        parts.append(f"类型：{category_name}（{quote(category.hits)}）")
    else:
        parts.append(f"类型：{category_name}")
    if epidemic_words:
        parts.append("涉疫：" + "".join(f"“{w}”" for w in epidemic_words[:3]))
    return parts

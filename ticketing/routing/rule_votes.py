"""What the rules say about a text: unit scores, request type, epidemic words. No I/O.

`RuleReader` holds the rules and the sound index; each method reads one aspect of an
already normalised, corrected and compacted text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hotline.ticketing.routing.backoff import WordBackoff
from hotline.ticketing.routing.epidemic import EpidemicReader
from hotline.ticketing.routing.gazetteer import AreaHit
from hotline.ticketing.routing.matching import find_hits, points
from hotline.ticketing.routing.phonetic import PhoneticIndex, TextSound
from hotline.ticketing.routing.rules import Hit, PhraseSet, RoutingRules


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

    def unit_scores(self, text: str, text_sound: TextSound, area: AreaHit | None) -> UnitScores:
        """The units' phrase scores; area matters vote for the area named (unless a
        unit's duty outweighs them); with no phrase at all, words inside the phrases
        and duties vote weakly."""
        scores: dict[str, float] = {}
        hits_of: dict[str, list[Hit]] = {}
        for unit_id, phrases in self.rules.units.items():
            # Duty words garbled inside unknown words count (matching.GLUED_FACTOR).
            hits = self.hits(phrases, text, text_sound, glued=True)
            score = points(hits, text)
            if score > 0:
                scores[unit_id] = score
                hits_of[unit_id] = [h for h in hits if h.weight > 0]
        area_hits = self.hits(self.rules.area_matters.phrases, text, text_sound)
        area_score = points(area_hits, text)
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

    def category(self, text: str, text_sound: TextSound, p_clf: dict[str, float]) -> CategoryChoice:
        """The request type, the cue phrases for it, and the type classifier's share.

        Cues score s(t): alone, the highest score wins (the default type when no cue
        reached `categories.min_score`). With a type classifier p_c the two blend:
        (1 − a)·s(t)/Σs + a·p_c(t), a = `classifier.category_weight` ×
        prior / (Σs + prior), prior = `classifier.category_prior`: a confident
        classifier decides when no cue or only a weak one was heard; several strong
        cues still win."""
        scores: dict[str, float] = {}
        hits_of: dict[str, list[Hit]] = {}
        for cat_id, phrases in self.rules.category_cues.items():
            hits = [
                h
                for h in self.hits(phrases, text, text_sound)
                if _cue_heard(h, phrases, self.phonetic)
            ]
            score = points(hits, text)
            if score >= self.rules.category_min_score and score > 0:
                scores[cat_id], hits_of[cat_id] = score, hits
        order = {c: i for i, c in enumerate(self.rules.category_cues)}
        default = self.rules.category_default
        rule_best = max(scores, key=lambda c: (scores[c], -order[c])) if scores else default
        settings = self.rules.classifier
        total = sum(scores.values())
        a = settings.category_weight * settings.category_prior / (total + settings.category_prior)
        if not p_clf or a <= 0:
            return CategoryChoice(rule_best, hits_of.get(rule_best, []), 0.0)
        p_rules = {c: s / total for c, s in scores.items()} if scores else {default: 1.0}
        combined = {c: (1 - a) * p for c, p in p_rules.items()}
        for cat_id, p in p_clf.items():
            combined[cat_id] = combined.get(cat_id, 0.0) + a * p
        best = max(
            combined,
            key=lambda c: (round(combined[c], 9), scores.get(c, 0.0), -order.get(c, len(order))),
        )
        decided_share = a if best != rule_best else 0.0
        return CategoryChoice(best, hits_of.get(best, []), decided_share)

    def epidemic_words(self, text: str, text_sound: TextSound) -> list[str]:
        """The epidemic cues said (epidemic.py): the flag is raised when any are."""
        return self._epidemic.words(text, text_sound)

"""Dispatch suggestion: rules + learned history → lead unit, type, area, epidemic flag. No I/O.

How the two sources combine (documented for the centre):

1. Rules. Each unit's phrases that occur in the normalised text add their
   weights: s(u) (a phrase heard only inside a longer one of the same unit —
   公交 in 公交站 — counts once, as the longer one). Area matters (村委会, 社区,
   网格员…) vote for the area the gazetteer found, unless a unit's own duty scored at least
   `area_matters.unit_beats_area` — unless the area matter scored at least
   `area_matters.area_over_unit` times that duty (村口设卡 in an epidemic is
   the village's, although "外地回来" is a health phrase). The rules'
   distribution is
   p_r(u) = s(u) / (Σ s + RULES_PRIOR); the prior keeps a single weak hint from
   looking certain.
2. History. The classifier trained on operators' dispatches gives p_c(u)
   (area votes go to the area this text names: history teaches *that*
   something is a village matter, the gazetteer says *which* village). How far
   it is trusted depends on what the history knows about *this* decision:
   - the rules chose unit A on phrases P (their strong ones): the evidence is
     the training texts for which the rules also chose A and that contain a
     phrase of P. With N such texts, the history's weight is
     w = `classifier.weight` × min(1, N / `classifier.min_examples`), and the
     classifier's vote is reshaped by the evidence: p_h(u) ∝ p_c(u)·(n_u + ½),
     so it can only move weight to units operators actually chose on these
     words. No evidence → the rules stand alone.
   - the rules found nothing: w = `classifier.weight` × min(1, support /
     SUPPORT_FULL), support being the cosine similarity of the nearest
     training text on content words (no fillers, no place names).
3. Combined: c(u) = (1 − w)·p_r(u) + w·p_h(u) (p_h = p_c when the rules found
   nothing). Override: when at least
   `classifier.min_examples` evidence texts exist, at least
   `classifier.override_probability` of them went to unit B ≠ A, and the
   classifier gives B at least that probability too, B leads — consistent
   history overrides a wrong rule, and the explanation says so.
4. The classifier as a voter of its own (`classifier.seed_corpus`): trained on
   the packaged seed corpus (plus the history, once `hotline routing train`
   ran), it fills the share the rules leave unclaimed. With u = RULES_PRIOR /
   (Σ s + RULES_PRIOR) (1 when no phrase matched, small when many strong
   phrases did): base(u) = p_r(u) + `classifier.seed_weight` · u · k · p_c(u)
   (rescaled to sum ≤ 1), k = min(1, support / SUPPORT_FULL) so that a text
   sharing no content word with the corpus (garbage, noise) gets no vote; nor
   does one where p_c gives no unit at least `classifier.seed_min_probability`.
   In points: the classifier adds 4 · seed_weight · k · p_c(u) to s(u) — with
   seed_weight 3, a confident classifier (p_c 0.7) outvotes a phrase of weight
   up to 8, two strong phrases outvote an unsure one. The classifier never sees
   place names, and learns every area matter as one class, which goes to the
   area the gazetteer found (with none named, that share is dropped and the
   console says "未听出所属镇街，请问清地点"). The history's evidence (2., 3.)
   then acts on base instead of p_r. The console says "分类模型：与「…」类工单相似"
   when the classifier decided.
5. The confidence is the lead's combined score (0..1).
6. No phrase matched at all: words of the text found inside one or two units'
   phrases or duties vote weakly (backoff.py); the named area is taken only when
   the classifier is silent too (a place name alone makes no local matter).
7. Request type: the cue rules, blended with the type classifier (see `_category`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing.backoff import WordBackoff
from hotline.ticketing.routing.gazetteer import AreaHit, Gazetteer
from hotline.ticketing.routing.numbers import extract_callback_number
from hotline.ticketing.routing.phonetic import PhoneticIndex, TextSound
from hotline.ticketing.routing.rules import Hit, Phrase, PhraseSet, RoutingRules
from hotline.ticketing.routing.text import apply_corrections, chunks, normalise

if TYPE_CHECKING:  # scikit-learn is imported only when a model is used
    from hotline.ticketing.routing.classifier import HistoryModel

# The classifier's class for every area matter (classifier.AREA_CLASS, repeated
# here so that routing without a model never imports scikit-learn).
AREA_CLASS = "@area"

RULES_PRIOR = 4.0
# A phrase matched only by sound (停睡 for 停水) counts this share of its weight;
# a two-syllable sound-alike made of two separate words ("谁 管" ~ 水管) is
# usually a coincidence and counts less.
SOUND_FACTOR = 0.7
SOUND_FACTOR_SPLIT_PAIR = 0.35
# Nearest-training-text similarity at which the history is fully trusted.
SUPPORT_FULL = 0.3
# Longest training text quoted in an explanation ("与「…」类工单相似").
QUOTE_CHARS = 14
# Phrases of at least this weight are the evidence the history is asked about.
DECISIVE_WEIGHT = 2.0
# Added to each unit's evidence count when shaping the classifier's vote.
EVIDENCE_SMOOTHING = 0.5
MAX_ALTERNATIVES = 3
# The classifier's "town/community/village matter" vote with no area named is
# mentioned in the explanation from this probability on.
UNPLACED_NOTE = 0.4
# The classifier gives every unit some probability: alternatives below this are noise.
MIN_ALTERNATIVE_SCORE = 0.01
# Texts beyond this length are cut for matching: a transcript this long is a
# recognition run-away, and the start of a call carries the request.
MAX_CHARS = 4000


@dataclass(frozen=True)
class Alternative:
    department: str
    score: float


@dataclass(frozen=True)
class Suggestion:
    department: str | None
    alternatives: tuple[Alternative, ...]
    category: str
    area: str | None
    epidemic: bool
    confidence: float
    explanation: str
    callback_number: str | None = None
    # Which source decided the lead: "rules", "history", "area" (fallback), "words"
    # (no phrase matched; words inside phrases/duties, see backoff.py) or "none".
    decided_by: str = "none"
    phrases: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "department": self.department,
            "alternatives": [
                {"department": a.department, "score": a.score} for a in self.alternatives
            ],
            "category": self.category,
            "area": self.area,
            "epidemic": self.epidemic,
            "confidence": self.confidence,
            "explanation": self.explanation,
            "callback_number": self.callback_number,
        }


@dataclass
class _HistoryVote:
    proba: dict[str, float] = field(default_factory=dict)  # p_c, area votes merged
    knowledge: float = 0.0  # 0..1: how much the history knows about this decision
    evidence: Counter[str] = field(default_factory=Counter)  # unit → evidence texts
    phrases_used: list[Phrase] = field(default_factory=list)


def rule_lead_or_area(scores: dict[str, float]) -> str | None:
    return max(scores, key=lambda u: scores[u]) if scores else None


def _strongest(hits: list[Hit]) -> float:
    """Tie-break between equal totals: the unit named by the more specific phrase."""
    return max((h.weight for h in hits), default=0.0)


def _points(hits: list[Hit], text: str) -> float:
    """The score of a set's hits. A phrase heard only inside a longer phrase of the same
    set (公交 in 公交站) is one mention, not two: only the longer one counts. (Nested
    hits still name the evidence the history is asked about.) A negative longer phrase
    (隔离栏 −4 against 隔离 +4) is written to cancel the shorter one and still adds."""
    words = [h.phrase for h in hits if not h.by_sound and "…" not in h.phrase and h.weight > 0]

    def nested(hit: Hit) -> bool:
        if hit.phrase not in words or hit.by_sound:
            return False
        inside = sum(
            text.count(longer) * longer.count(hit.phrase)
            for longer in words
            if longer != hit.phrase and hit.phrase in longer
        )
        return inside > 0 and text.count(hit.phrase) <= inside

    return sum(h.weight for h in hits if len(words) < 2 or not nested(h))


def _quote(hits: list[Hit], limit: int = 3) -> str:
    best = sorted(hits, key=lambda h: -h.weight)[:limit]
    return "".join(f"“{h.phrase}”" + ("(音近)" if h.by_sound else "") for h in best)


class Router:
    def __init__(
        self,
        rules: RoutingRules,
        catalog: Catalog,
        model: HistoryModel | None = None,
        phonetic: PhoneticIndex | None = None,
        seed: HistoryModel | None = None,
    ) -> None:
        """`seed`: the seed-corpus classifier; None = load it on first use (cached
        under var/, see seed.py) when `classifier.seed_corpus` is on."""
        self.rules = rules
        self.catalog = catalog
        self.model = model
        self._seed = seed
        self._area_ids = {a.id for a in catalog.areas}
        self.phonetic = phonetic or PhoneticIndex(self._all_phrases(rules))
        self.gazetteer = Gazetteer(rules.gazetteer, self.phonetic)
        self.backoff = WordBackoff(rules, catalog)
        area_phrases = {p.text: p for p in rules.area_matters.phrases.phrases}
        self._phrase_of: dict[str, dict[str, Phrase]] = {}
        for unit in catalog.units:
            own = {p.text: p for p in rules.units.get(unit.id, PhraseSet()).phrases}
            self._phrase_of[unit.id] = {**area_phrases, **own} if unit.is_area else own
        self._history_by_rule_lead: dict[str, list[int]] = {}
        if model is not None:
            for i, lead in enumerate(model.rule_leads):
                if lead is not None:
                    self._history_by_rule_lead.setdefault(lead, []).append(i)

    @staticmethod
    def _all_phrases(rules: RoutingRules) -> list[str]:
        sets = [*rules.units.values(), *rules.category_cues.values(), rules.area_matters.phrases]
        words = [p.text for s in sets for p in s.phrases]
        words += [*rules.epidemic.strong, *rules.epidemic.weak]
        for names in rules.gazetteer.area_names.values():
            words += names
        words += [p.name for p in rules.gazetteer.places]
        return words

    def _hits(self, phrases: PhraseSet, text: str, text_sound: TextSound) -> list[Hit]:
        hits: list[Hit] = []
        for phrase in phrases.phrases:
            if phrase.found_in(text):
                hits.append(Hit(phrase.text, phrase.weight))
            elif phrase.pattern is None:
                key = self.phonetic.any_sound_of(phrase.text)
                words, heard = text_sound.match(key) if key is not None else (0, "")
                # A single dictionary word heard (片区 for 骗取) is what was said; a
                # phrase with common twins needs that one non-word (一保 for 医保).
                twinned = self.phonetic.sound_of(phrase.text) is None
                real_word = words == 1 and self.phonetic.is_word(heard)
                if words and not real_word and not (twinned and words > 1):
                    split_pair = len(phrase.text) == 2 and words == 2
                    factor = SOUND_FACTOR_SPLIT_PAIR if split_pair else SOUND_FACTOR
                    hits.append(Hit(phrase.text, phrase.weight * factor, by_sound=True))
        return hits

    def with_model(self, model: HistoryModel | None) -> Router:
        return Router(self.rules, self.catalog, model, self.phonetic, self._seed)

    def classifier(self) -> HistoryModel | None:
        """The voting classifier: the trained model when it was trained on the seed
        corpus plus the history, else the seed corpus's own; None when switched off."""
        if not self.rules.classifier.seed_corpus:
            return None
        if self.model is not None and self.model.includes_seed:
            return self.model
        if self._seed is None:
            from hotline.ticketing.routing.seed import seed_model  # I/O: the var/ cache

            self._seed = seed_model(self.gazetteer.names(), sorted(self._area_ids))
        return self._seed

    def _is_area_class(self, label: str) -> bool:
        # Models of format 3 and older learned every area as a class of its own.
        return label == AREA_CLASS or label in self._area_ids

    def _classifier_vote(
        self, model: HistoryModel, text: str, area: AreaHit | None
    ) -> tuple[dict[str, float], float, float]:
        """p_c with the area-matter vote given to the area named here, k, and the
        area-matter probability that found no area. With no area named the vote is
        dropped: the classifier knows *that* it is a local matter, not *where*; sending
        it to a guessed town would be worse than asking, so the console says so (the
        units keep their votes: a weak unit guess plus that warning helps more than
        no suggestion; measured on the dev sets and the corpus cross-validation)."""
        support = max(model.support(text).values(), default=0.0)
        if support <= 0.0:
            return {}, 0.0, 0.0
        merged: dict[str, float] = {}
        unplaced = 0.0
        for unit_id, p in model.probabilities(text).items():
            if self._is_area_class(unit_id):
                if area is None:
                    unplaced += p
                    continue
                unit_id = area.area_id
            merged[unit_id] = merged.get(unit_id, 0.0) + p
        if max(merged.values(), default=0.0) < self.rules.classifier.seed_min_probability:
            return {}, 0.0, unplaced
        return merged, min(1.0, support / SUPPORT_FULL), unplaced

    # -- parts ---------------------------------------------------------------

    def _category(
        self, text: str, text_sound: TextSound, p_clf: dict[str, float]
    ) -> tuple[str, list[Hit], float]:
        """The request type, the cue phrases for it, and the type classifier's share
        in the decision (0 = the cues alone decided).

        Cues score s(t): alone, the highest score wins (the default type when no cue
        reached `categories.min_score`). With a type classifier p_c the two blend:
        (1 − a)·s(t)/Σs + a·p_c(t), a = `classifier.category_weight` ×
        prior / (Σs + prior), prior = `classifier.category_prior`: a confident
        classifier decides when no cue or only a weak one was heard; several strong
        cues still win."""
        scores: dict[str, float] = {}
        hits_of: dict[str, list[Hit]] = {}
        for cat_id, phrases in self.rules.category_cues.items():
            hits = self._hits(phrases, text, text_sound)
            score = _points(hits, text)
            if score >= self.rules.category_min_score and score > 0:
                scores[cat_id], hits_of[cat_id] = score, hits
        order = {c: i for i, c in enumerate(self.rules.category_cues)}
        default = self.rules.category_default
        rule_best = max(scores, key=lambda c: (scores[c], -order[c])) if scores else default
        settings = self.rules.classifier
        total = sum(scores.values())
        a = settings.category_weight * settings.category_prior / (total + settings.category_prior)
        if not p_clf or a <= 0:
            return rule_best, hits_of.get(rule_best, []), 0.0
        p_rules = {c: s / total for c, s in scores.items()} if scores else {default: 1.0}
        combined = {c: (1 - a) * p for c, p in p_rules.items()}
        for cat_id, p in p_clf.items():
            combined[cat_id] = combined.get(cat_id, 0.0) + a * p
        best = max(
            combined,
            key=lambda c: (round(combined[c], 9), scores.get(c, 0.0), -order.get(c, len(order))),
        )
        decided_share = a if best != rule_best else 0.0
        return best, hits_of.get(best, []), decided_share

    def _epidemic(self, text: str, text_sound: TextSound) -> list[str]:
        rules = self.rules.epidemic
        excluded = [w for w in rules.exclude if w in text]
        for word in excluded:
            text = text.replace(word, "_")

        def said(word: str) -> bool:
            if word in text:
                return True
            if any(word in e for e in excluded):  # its sound is the excluded word's
                return False
            key = self.phonetic.sound_of(word)
            return key is not None and text_sound.words_spanned(key) > 0

        strong = [w for w in rules.strong if said(w)]
        if strong:
            return strong
        weak = [w for w in rules.weak if said(w)]
        return weak if len(weak) >= rules.weak_needed else []

    def _rule_scores(
        self, text: str, text_sound: TextSound, area: AreaHit | None
    ) -> tuple[dict[str, float], dict[str, list[Hit]], list[Hit]]:
        scores: dict[str, float] = {}
        hits_of: dict[str, list[Hit]] = {}
        for unit_id, phrases in self.rules.units.items():
            hits = self._hits(phrases, text, text_sound)
            score = _points(hits, text)
            if score > 0:
                scores[unit_id] = score
                hits_of[unit_id] = [h for h in hits if h.weight > 0]
        area_hits = self._hits(self.rules.area_matters.phrases, text, text_sound)
        area_score = _points(area_hits, text)
        if area is not None and area_score > 0:
            best_unit = max((s for u, s in scores.items() if u not in self._area_ids), default=0.0)
            rules = self.rules.area_matters
            outweighed = area_score >= rules.area_over_unit * best_unit
            if best_unit >= rules.unit_beats_area and not outweighed:
                area_score = min(area_score, best_unit * 0.9)  # the unit's duty wins
            scores[area.area_id] = scores.get(area.area_id, 0.0) + area_score
            hits_of.setdefault(area.area_id, []).extend(area_hits)
        return scores, hits_of, area_hits

    def _history(
        self, text: str, area: AreaHit | None, rule_lead: str | None, decisive: list[Hit]
    ) -> _HistoryVote:
        if self.model is None:
            return _HistoryVote()
        model = self.model
        merged: dict[str, float] = {}
        for unit_id, p in model.probabilities(text).items():
            if unit_id == AREA_CLASS and area is None:
                continue  # a local matter, but where is not said
            key = area.area_id if area is not None and self._is_area_class(unit_id) else unit_id
            merged[key] = merged.get(key, 0.0) + p
        needed = self.rules.classifier.min_examples
        if rule_lead is not None:
            # Decisive: the strong phrases that chose A, not every weak hint ("小区").
            strongest = max((h.weight for h in decisive), default=0.0)
            phrases = [
                self._phrase_of[rule_lead][h.phrase]
                for h in decisive
                if not h.by_sound
                and h.weight >= DECISIVE_WEIGHT
                and h.weight >= strongest / 2
                and h.phrase in self._phrase_of[rule_lead]
            ]
            evidence: Counter[str] = Counter(
                model.labels[i]
                for i in self._history_by_rule_lead.get(rule_lead, ())
                if any(p.found_in(model.texts[i]) for p in phrases)
            )
            if area is not None:  # area votes count for the area named here
                evidence = Counter(
                    {(area.area_id if u in self._area_ids else u): n for u, n in evidence.items()}
                )
            n = sum(evidence.values())
            if n == 0:
                return _HistoryVote()
            # The classifier may only move weight towards units the evidence saw.
            shaped = {u: p * (evidence[u] + EVIDENCE_SMOOTHING) for u, p in merged.items()}
            total = sum(shaped.values()) or 1.0
            proba = {u: p / total for u, p in shaped.items()}
            return _HistoryVote(proba, min(1.0, n / needed), evidence, phrases_used=phrases)
        if self.classifier() is not None:  # the voting classifier speaks for it
            return _HistoryVote()
        support = model.support(text)
        best = max(support.values(), default=0.0)
        return _HistoryVote(merged, min(1.0, best / SUPPORT_FULL))

    def _examples(self, unit_id: str) -> int:
        assert self.model is not None
        if unit_id in self._area_ids:
            return sum(n for u, n in self.model.examples_per_unit.items() if u in self._area_ids)
        return self.model.examples_per_unit.get(unit_id, 0)

    def _name(self, unit_id: str) -> str:
        return self.catalog.unit(unit_id).name if self.catalog.has_unit(unit_id) else unit_id

    # -- the suggestion ------------------------------------------------------

    def suggest(self, text: str) -> Suggestion:
        callback = extract_callback_number(text[:MAX_CHARS])
        callback_digits = callback.digits if callback else None
        norm = normalise(text[:MAX_CHARS])
        compact = apply_corrections(norm, self.rules.corrections).replace(" ", "")
        if not compact:
            return Suggestion(
                department=None,
                alternatives=(),
                category=self.rules.category_default,
                area=None,
                epidemic=False,
                confidence=0.0,
                explanation="空白内容，无法给出派单建议",
                callback_number=callback_digits,
            )

        text_sound = TextSound(chunks(text[:MAX_CHARS]))
        area = self.gazetteer.find(compact, text_sound)
        voter = self.classifier()
        # The classifier reads the text with the known recognition errors corrected.
        clf_text = apply_corrections(norm, self.rules.corrections)
        p_type = voter.category_probabilities(clf_text) if voter else {}
        category, category_hits, type_share = self._category(compact, text_sound, p_type)
        epidemic_words = self._epidemic(compact, text_sound)
        scores, hits_of, area_hits = self._rule_scores(compact, text_sound, area)
        fallback = False
        by_words = False
        if not scores:  # no phrase at all: words inside the phrases/duties, weakly
            votes = self.backoff.votes(compact)
            if votes.scores:
                scores = votes.scores
                hits_of = {
                    u: [Hit(word, votes.scores[u] / len(ws)) for word in ws]
                    for u, ws in votes.words.items()
                }
                by_words = True
        p_clf, support, unplaced = (
            self._classifier_vote(voter, clf_text, area) if voter else ({}, 0.0, 0.0)
        )
        # A place name alone does not make a local matter: with a classifier that
        # speaks (its local-matter class goes to the area named), the area wins only
        # on that vote or on area-matter phrases; the fallback is for when none speaks.
        quiet = not p_clf or support <= 0.0
        if not scores and area is not None and self.rules.area_matters.fallback_to_area and quiet:
            scores = {area.area_id: 1.0}
            fallback = True

        total = sum(scores.values())
        p_rules = {u: s / (total + RULES_PRIOR) for u, s in scores.items()}
        unclaimed = RULES_PRIOR / (total + RULES_PRIOR)
        a = self.rules.classifier.seed_weight * unclaimed * support
        if a > 0:
            # seed_weight > 1 may lift the total above 1: rescale (ranks unchanged).
            scale = max(1.0, sum(p_rules.values()) + a)
            base = dict.fromkeys([*p_rules, *p_clf], 0.0)
            for u in base:
                base[u] = (p_rules.get(u, 0.0) + a * p_clf.get(u, 0.0)) / scale
        else:
            base = dict(p_rules)
        rule_lead = max(scores, key=lambda u: scores[u]) if scores and not fallback else None
        decisive = hits_of.get(rule_lead, []) if rule_lead else []
        vote = self._history(clf_text, area, rule_lead, decisive)
        p_hist = vote.proba
        w = self.rules.classifier.weight * vote.knowledge
        # Ordered (not a set): equal scores must rank the same way in every process.
        candidates = dict.fromkeys([*base, *(p_hist if w > 0 else ())])
        combined = {u: (1 - w) * base.get(u, 0.0) + w * p_hist.get(u, 0.0) for u in candidates}

        override: str | None = None
        if p_hist and w > 0:
            top = max(p_hist, key=lambda u: p_hist[u])
            needed = self.rules.classifier.min_examples
            threshold = self.rules.classifier.override_probability
            n = sum(vote.evidence.values())
            if rule_lead is not None:
                consistent = n >= needed and vote.evidence[top] / n >= threshold
            else:
                consistent = vote.knowledge >= 1.0 and self._examples(top) >= needed
            if top != rule_lead and p_hist[top] >= threshold and consistent:
                override = top
                combined[top] = max(combined[top], p_hist[top])

        ranked = sorted(
            (u for u in combined if combined[u] > 0),
            key=lambda u: (-round(combined[u], 9), -_strongest(hits_of.get(u, []))),
        )
        if override is not None:
            ranked = [override] + [u for u in ranked if u != override]
        lead = ranked[0] if ranked else None
        alternatives = tuple(
            Alternative(u, round(combined[u], 3))
            for u in ranked[1:]
            if combined[u] >= MIN_ALTERNATIVE_SCORE
        )[:MAX_ALTERNATIVES]
        confidence = round(min(1.0, combined[lead]), 3) if lead else 0.0

        # Who decided, in words for the console.
        parts: list[str] = []
        decided_by = "none"
        if lead is None:
            parts.append("未匹配到承办单位规则")
            if area_hits and area is None:
                parts.append(f"涉及村/社区事务{_quote(area_hits)}但未听出所属镇街")
        else:
            if fallback and lead == rule_lead_or_area(scores):
                decided_by = "area"
                parts.append(f"建议主办：{self._name(lead)}（未匹配到部门职责，按属地交办）")
            elif lead != (rule_lead or rule_lead_or_area(scores)) and (
                override is None and not (w > 0 and sum(vote.evidence.values()))
            ):
                decided_by = "classifier"
                note = self._classifier_note(voter, clf_text, lead, p_clf)
                parts.append(f"建议主办：{self._name(lead)}（{note}）")
            elif lead != (rule_lead or rule_lead_or_area(scores)):
                decided_by = "history"
                note = f"历史派单模型 {p_hist.get(lead, 0.0):.2f}"
                n = sum(vote.evidence.values())
                if rule_lead and n:
                    said = "".join(f"“{p.text}”" for p in vote.phrases_used[:2])
                    note += (
                        f"：历史上含{said}的 {n} 单中 {vote.evidence[lead]} 单派给了"
                        f"{self._name(lead)}，改判规则建议的{self._name(rule_lead)}"
                    )
                parts.append(f"建议主办：{self._name(lead)}（{note}）")
            else:
                # "words": no phrase rule matched; words found inside phrases/duties decided.
                decided_by = "words" if by_words else "rules"
                why = _quote(hits_of.get(lead, []))
                if by_words:
                    why = f"近似词{why}，未匹配到规则短语，请核对"
                if lead in self._area_ids and area is not None:
                    why = f"属地事务{why}"
                if p_hist.get(lead, 0.0) >= 0.5 and w > 0:
                    why += f"；历史派单模型同意 {p_hist[lead]:.2f}"
                elif p_clf.get(lead, 0.0) >= 0.5 and a > 0:
                    why += f"；分类模型同意 {p_clf[lead]:.2f}"
                parts.append(f"建议主办：{self._name(lead)}（依据{why}）")
        if area is None and unplaced >= UNPLACED_NOTE:
            parts.append(f"分类模型：也像村/社区事务（{unplaced:.2f}），未听出所属镇街，请问清地点")
        if area is not None:
            parts.append(f"属地：{self._name(area.area_id)}（“{'”“'.join(area.names[:2])}”）")
        cat_name = next(c.name for c in self.catalog.categories if c.id == category)
        if type_share > 0:
            parts.append(f"类型：{cat_name}（分类模型 {p_type.get(category, 0.0):.2f}）")
        elif category_hits:
            parts.append(f"类型：{cat_name}（{_quote(category_hits)}）")
        else:
            parts.append(f"类型：{cat_name}")
        if epidemic_words:
            parts.append("涉疫：" + "".join(f"“{w}”" for w in epidemic_words[:3]))
        decided_phrases = tuple(h.phrase for h in hits_of.get(lead, [])) if lead else ()
        return Suggestion(
            department=lead,
            alternatives=alternatives,
            category=category,
            area=area.area_id if area else None,
            epidemic=bool(epidemic_words),
            confidence=confidence,
            explanation="；".join(parts),
            callback_number=callback_digits,
            decided_by=decided_by,
            phrases=decided_phrases,
        )

    def _classifier_note(
        self, voter: HistoryModel | None, text: str, lead: str, p_clf: dict[str, float]
    ) -> str:
        p = p_clf.get(lead, 0.0)
        if voter is None:
            return f"分类模型 {p:.2f}"
        label = lead
        if lead in self._area_ids:  # area votes were merged: quote the nearest local matter
            support = voter.support(text)
            label = max(
                (str(u) for u in voter.pipeline.classes_ if self._is_area_class(str(u))),
                key=lambda u: float(support.get(u, 0.0)),
                default=lead,
            )
        like = voter.nearest(text, str(label))
        if like is None:
            return f"分类模型 {p:.2f}"
        like = like.replace(" ", "")
        like = like if len(like) <= QUOTE_CHARS else like[:QUOTE_CHARS] + "…"
        return f"分类模型：与「{like}」类工单相似 {p:.2f}"

    def predict_unit(self, text: str, model: HistoryModel | None) -> str | None:
        """The lead unit with another (or no) model: used by cross-validation."""
        return self.with_model(model).suggest(text).department

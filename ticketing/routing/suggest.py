"""Dispatch suggestion: rules + learned history → lead unit, type, area, epidemic flag. No I/O.

`Router.suggest` runs the steps below; each lives in a module of its own: the
rules' votes in rule_votes.py (phrase matching in matching.py), the models' in
model_votes.py, their combination in blend.py, the console's sentences in explain.py.

How the two sources combine (documented for the centre):

1. Rules. Each unit's phrases that occur in the normalised text add their
   weights: s(u) (a phrase heard only inside a longer one of the same unit —
   公交 in 公交站 — counts once, as the longer one). Area matters (村委会, 社区,
   网格员…) vote for the area the gazetteer found, unless a unit's own duty scored at least
   `area_matters.unit_beats_area` — unless the area matter scored at least
   `area_matters.area_over_unit` times that duty (村口设卡 in an epidemic is
   the village's, although "外地回来" is a health phrase). The rules' distribution is
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
7. Request type: the cue rules, blended with the type classifier (see
   `RuleReader.category`).
8. Shared duty (assist.py, roles.py): a unit whose own duty is also named assists the
   lead (协办). When the request asks that unit to act (供电公司赶紧来处理), or names the
   lead only on the side (暖气也不热, 物业也不管) and that unit plainly, that unit leads
   and the old lead assists. A unit named only as a place (学校门口) does not assist.
   The town/community/village named and itself asked to act (村里能不能给送点煤, 请社区帮忙
   协调解决) leads likewise, unless the lead unit is asked or named by its own name too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing.area_ask import area_asked_words
from hotline.ticketing.routing.area_named import area_named_acts, area_notice
from hotline.ticketing.routing.area_roles import area_acts, area_asked
from hotline.ticketing.routing.area_share import area_share
from hotline.ticketing.routing.assist import MAX_ASSISTING, SHOWN_POINTS, Assist, assisting_units
from hotline.ticketing.routing.auto import advise
from hotline.ticketing.routing.backoff import WordBackoff
from hotline.ticketing.routing.backstory import current_matter
from hotline.ticketing.routing.blend import promote, rank, seeded_base
from hotline.ticketing.routing.clause_duty import clause_duties
from hotline.ticketing.routing.disclaimed import past_area
from hotline.ticketing.routing.duty_object import bystanders, classifier_setting, duty_objects
from hotline.ticketing.routing.employer import LABOUR_UNIT, employer_act, labour_kept
from hotline.ticketing.routing.evidence import gather_evidence
from hotline.ticketing.routing.explain import Votes, context_notes, who_decided
from hotline.ticketing.routing.gazetteer import AreaHit, Gazetteer
from hotline.ticketing.routing.impostor import fraud_reading, without_pretext
from hotline.ticketing.routing.matching import quote, rule_words
from hotline.ticketing.routing.model_votes import (
    AreaClasses,
    ClassifierVote,
    HistoryReader,
    HistoryVote,
    classifier_note,
    classifier_vote,
)
from hotline.ticketing.routing.numbers import extract_callback_number
from hotline.ticketing.routing.past_actor import set_aside_spans, without_set_aside
from hotline.ticketing.routing.phonetic import PhoneticIndex, TextSound
from hotline.ticketing.routing.respell import Respeller
from hotline.ticketing.routing.retracted import without_retracted
from hotline.ticketing.routing.roles import (
    UNIT_NAMES,
    Role,
    asked_alone,
    asked_instead,
    first_named,
    named_assists,
    only_reported,
    other_units_named,
    unit_role,
    unnamed_second_duty,
)
from hotline.ticketing.routing.rule_votes import RuleReader, UnitScores, without_scene
from hotline.ticketing.routing.rules import Phrase, PhraseSet, RoutingRules
from hotline.ticketing.routing.shared_duty import (
    area_also_asked,
    not_disclaimed,
    second_ask,
    unnamed_assists,
    unnamed_duties,
    which_unit,
    with_joint_assists,
)
from hotline.ticketing.routing.speech import normalise_speech
from hotline.ticketing.routing.suggestion import JOINT_TYPES, Alternative, Suggestion, blank
from hotline.ticketing.routing.text import apply_corrections, chunks, decoded, normalise
from hotline.ticketing.routing.two_asks import first_ask_leads

if TYPE_CHECKING:  # scikit-learn is imported only when a model is used
    from hotline.ticketing.routing.classifier import HistoryModel

__all__ = ["Alternative", "Router", "SeedLoader", "Suggestion"]

# Texts beyond this length are cut for matching: a transcript this long is a
# recognition run-away, and the start of a call carries the request.
MAX_CHARS = 4000

# (gazetteer place names, area ids) → the seed-corpus classifier. The router's owner
# supplies it (files.build_router: the packaged corpus, cached under var/), so that
# routing itself reads no file.
SeedLoader = Callable[[Iterable[str], Iterable[str]], "HistoryModel"]


class Router:
    def __init__(
        self,
        rules: RoutingRules,
        catalog: Catalog,
        model: HistoryModel | None = None,
        phonetic: PhoneticIndex | None = None,
        seed: HistoryModel | None = None,
        seed_loader: SeedLoader | None = None,
    ) -> None:
        """`seed`: the seed-corpus classifier; None = ask `seed_loader` on first use
        when `classifier.seed_corpus` is on (no loader: no seed classifier)."""
        self.rules = rules
        self.catalog = catalog
        self.model = model
        self._seed = seed
        self._seed_loader = seed_loader
        self._area_ids = {a.id for a in catalog.areas}
        self._area_classes = AreaClasses(self._area_ids)
        self.phonetic = phonetic or PhoneticIndex(rule_words(rules))
        self._respeller = Respeller([*rule_words(rules), *UNIT_NAMES], self.phonetic)
        self.gazetteer = Gazetteer(rules.gazetteer, self.phonetic)
        self.backoff = WordBackoff(rules, catalog)
        self._rules = RuleReader(rules, self.phonetic, self._area_ids, self.backoff)
        self._history = (
            HistoryReader(
                model, self._phrases_by_unit(), self._area_ids, rules.classifier.min_examples
            )
            if model is not None
            else None
        )

    def _phrases_by_unit(self) -> dict[str, dict[str, Phrase]]:
        """Each unit's phrases by text; an area's include the area-matter phrases."""
        area_phrases = {p.text: p for p in self.rules.area_matters.phrases.phrases}
        phrase_of: dict[str, dict[str, Phrase]] = {}
        for unit in self.catalog.units:
            own = {p.text: p for p in self.rules.units.get(unit.id, PhraseSet()).phrases}
            phrase_of[unit.id] = {**area_phrases, **own} if unit.is_area else own
        return phrase_of

    def with_model(self, model: HistoryModel | None) -> Router:
        return Router(self.rules, self.catalog, model, self.phonetic, self._seed, self._seed_loader)

    def classifier(self) -> HistoryModel | None:
        """The voting classifier: the trained model when it was trained on the seed
        corpus plus the history, else the seed corpus's own; None when switched off."""
        if not self.rules.classifier.seed_corpus:
            return None
        if self.model is not None and self.model.includes_seed:
            return self.model
        if self._seed is None and self._seed_loader is not None:
            self._seed = self._seed_loader(self.gazetteer.names(), sorted(self._area_ids))
        return self._seed

    def _name(self, unit_id: str) -> str:
        return self.catalog.unit(unit_id).name if self.catalog.has_unit(unit_id) else unit_id

    def _examples(self, unit_id: str) -> int:
        assert self._history is not None  # only asked when the history voted
        return self._history.examples(unit_id)

    # -- the suggestion ------------------------------------------------------

    def suggest(self, text: str) -> Suggestion:
        text = decoded(text[:MAX_CHARS])  # a web form's entities (&#28023;) first: text.py
        callback = extract_callback_number(text)
        callback_digits = callback.digits if callback else None
        # Routing reads plain Chinese (dialect, fillers, repeats rewritten; sound-alike slips
        # respelt); the classifier reads known recognition errors corrected; the rules, no spaces.
        text = self._respeller.respell(normalise_speech(self.gazetteer.spelt(text)))
        whole = apply_corrections(normalise(text), self.rules.corrections).replace(" ", "")
        # Units, type: the matter after a back-story, less a unit taken back (retracted.py).
        matter = without_retracted(current_matter(text))
        clf_text = apply_corrections(normalise(matter), self.rules.corrections)
        compact = clf_text.replace(" ", "")
        if not compact:
            return self._with_auto(blank(self.rules.category_default, callback_digits))
        whole_sound = TextSound(chunks(text))
        text_sound = whole_sound if matter == text else TextSound(chunks(matter))
        area = self.gazetteer.find(whole, whole_sound)
        voter = self.classifier()
        p_type = voter.category_probabilities(clf_text) if voter else {}
        fraud = fraud_reading(compact)  # its words: a fraud told, no complaint (fraud_type.py)
        category = self._rules.category(compact, text_sound, p_type, matter, fraud[0])
        epidemic_words = self._rules.epidemic_words(whole, whole_sound)
        units = self._rules.unit_scores(compact, text_sound, area, set_aside_spans(compact), fraud)
        # The classifier skips who calls, units that said no or acted before, a pretext.
        clf_read = without_pretext(without_scene(without_set_aside(clf_text)))
        clf = self._classifier_vote(voter, clf_read, area)
        # The classifier reads the object's setting as the rules do (duty_object.py), and a
        # caller's post not as the area's matter, a village's own thing as its (area_share.py).
        objects, proba = duty_objects(compact), area_share(clf.proba, area, compact)
        clf = dataclasses.replace(clf, proba=classifier_setting(proba, objects))
        self._fall_back_to_area(units, area, clf)
        base = seeded_base(units.scores, clf.proba, clf.support, self.rules.classifier.seed_weight)
        rule_lead = units.rule_lead()
        history = self._history_vote(clf_text, area, units, voter is not None)
        ranking = rank(
            base.scores, history, rule_lead, units.hits_of, self.rules.classifier, self._examples
        )
        area_id = area.area_id if area else None
        asked_from = None  # the lead the rules and models chose, when the ask names another
        # Candidates to lead instead: every second duty, the epidemic cues' included.
        helpers = self._assisting(ranking.lead, units, area_id, compact, shown_only=False)
        # An object's setting (景区 where the price is the matter) leads only if asked to act.
        setting = bystanders(objects, lambda u: unit_role(compact, u, units.hits_of) is Role.ASKED)
        others = [a.department for a in helpers if a.department not in {*self._area_ids, *setting}]
        leads_area = ranking.lead in self._area_ids  # weighed against the units' duties
        # The unit the caller asks first by name leads (请卫生部门来检查), or keeps its lead.
        named = first_named(compact) if ranking.lead is not None else None
        keeps = named is not None and named == ranking.lead  # 望公安查处 after 卖粮的钱
        named = None if keeps else named
        asked = (  # an area that said "not ours" yields to the next unit (disclaimed.py)
            named
            if named is not None or keeps
            else past_area(compact, ranking.alternatives, self._area_ids)
            if leads_area
            else asked_instead(compact, ranking.lead or "", others, units.hits_of)
        )
        # Why the area leads (its own name or notice, below) or yields (it said not ours).
        area_said = "属地已称此事不归其管，来电问的是何处办理" if leads_area and asked else ""
        # The employer acting against its worker asks the labour bureau, whatever illness or
        # workplace set the scene (employer.py), unless the caller asked a unit by name.
        if (
            asked is None
            and ranking.lead not in (None, LABOUR_UNIT)
            and first_named(compact) is None
            and unit_role(compact, ranking.lead or "", units.hits_of) is not Role.ASKED
            and employer_act(compact)
        ):
            asked = LABOUR_UNIT
        # The town/community/village asked to act leads unless the lead unit is asked too
        # (社区能不能来个人); so does the town called by full name, or its notice; not over
        if (  # the labour bureau where the employer acted against the worker (employer.py)
            asked is None
            and area_id is not None
            and ranking.lead not in (None, area_id, labour_kept(compact))
            and unit_role(compact, ranking.lead or "", units.hits_of) is not Role.ASKED
        ):
            if area_asked(compact, units.area_hits, ranking.lead or ""):
                asked = area_id
            elif area_named_acts(whole, self.rules.gazetteer.area_names.get(area_id, ())):
                asked, area_said = area_id, "来电点名请其处理"
            elif area_notice(text):
                asked, area_said = area_id, "来电所问为其发布的通知"
        if asked is not None:
            asked_from, ranking = ranking.lead, promote(ranking, asked)
        helpers = self._assisting(ranking.lead, units, area_id, compact)
        scene, added = clause_duties(
            matter, ranking.lead, voter, helpers, self.rules, self._area_classes, self._name
        )
        helpers = (*helpers, *added)
        votes = Votes(units, area, clf, base.seed_share, history, ranking)
        decided_by, lead_sentence = who_decided(
            votes,
            self._name,
            lambda lead: classifier_note(
                voter, clf_text, lead, clf.proba, self._area_ids, self._area_classes
            ),
            self._area_ids,
        )
        if asked is not None:
            decided_by = "rules"
            said = (
                f"来电首先点名请其处理，而非{self._name(asked_from)}"
                if named
                else f"{area_said}，而非{self._name(asked_from)}"
                if area_said
                else f"诉求所指：{quote(units.hits_of.get(asked, []))}；"
                f"{self._name(asked_from)}为顺带提及"
            )
            lead_sentence = f"建议主办：{self._name(asked)}（{said}）"
        cat_name = next(c.name for c in self.catalog.categories if c.id == category.category)
        notes = context_notes(
            votes,
            self._name,
            cat_name,
            category,
            p_type.get(category.category, 0.0),
            epidemic_words,
        )
        lead = ranking.lead
        duties = unnamed_duties(compact, lead)
        unnamed = {d.unit for d, _ in duties}

        # A second ask (也得查查) shows lighter duty words as 协办 on any type (second_ask).
        asked_twice = second_ask(compact)
        # The area asked too by name (社区也找人…) assists on any type, as units asked by name do.
        area_too = area_id if area_id != lead and area_also_asked(compact) else None
        # Which unit handles it (找城管还是找环保): those named are alternatives, not 协办.
        choice = which_unit(compact)

        def shown(a: Assist) -> bool:
            if choice:
                return False
            if a.named or a.department in unnamed or a.department == area_too:
                return True
            if a.department in scene or asked_twice or a in added:
                return a.department not in scene  # clause_duty.py: a scene unit only holds
            if category.category not in JOINT_TYPES:
                return False
            return a.points >= SHOWN_POINTS or a.department in (asked_from, area_id)

        def story(a: Assist) -> bool:
            if choice:
                return True
            hits = units.area_hits if a.department == area_id else units.hits_of.get(a.department)
            return only_reported(compact, hits or [], units.hits_of)

        # A caller who asks the area too (社区也找人…) does not ask the lead alone.
        alone = (
            lead is not None
            and area_too is None
            and asked_alone(compact, lead, lead in self._area_ids)
        )
        cues = (
            ()
            if lead is None or alone or choice
            else (
                *not_disclaimed(compact, other_units_named(compact, lead)),
                unnamed_second_duty(compact, lead),
                *(words for _, words in duties),
            )
        )
        evidence = gather_evidence(
            ranking,
            units,
            clf,
            decided_by,
            len(compact),
            area is not None,
            self._area_ids,
            p_type.get(category.category, 0.0),
            text=compact,
            second_units=len(helpers),
            category=category.category,
        )
        suggestion = Suggestion(
            department=lead,
            alternatives=ranking.alternatives,
            category=category.category,
            area=area.area_id if area else None,
            epidemic=bool(epidemic_words),
            confidence=ranking.confidence,
            explanation="；".join([lead_sentence, *notes]),
            callback_number=callback_digits,
            decided_by=decided_by,
            phrases=tuple(h.phrase for h in units.hits_of.get(lead, [])) if lead else (),
            assisting=tuple((a.department, a.reason) for a in helpers if shown(a)),
            other_duties=tuple(a.department for a in helpers if not shown(a)),
            reported=tuple(a.department for a in helpers if story(a)),
            asked_alone=alone,
            joint_cues=tuple(c for c in cues if c),
            area_asked="" if lead in self._area_ids else area_asked_words(compact),
            second_ask=asked_twice,
            which_unit=choice,
            evidence=evidence,
        )
        # Two asks, the second of entitlement: each half routed alone (two_asks.py).
        return self._with_auto(first_ask_leads(suggestion, text, self.suggest, self._name))

    def _assisting(
        self,
        lead: str | None,
        units: UnitScores,
        area_id: str | None,
        compact: str,
        shown_only: bool = True,
    ) -> tuple[Assist, ...]:
        """The 协办 units; a unit named only as a place (学校门口) is not one. Units the
        caller asks by name to act come first (roles.named_assists). With `shown_only`,
        no unit on the epidemic cues alone (assist.assisting_units)."""
        epidemic = self.rules.epidemic
        flag_words = (*epidemic.strong, *epidemic.weak, *epidemic.general) if shown_only else ()
        found = assisting_units(
            lead, units, area_id, self._area_ids, self._name, compact, flag_words, shown_only
        )
        named = named_assists(compact, lead, self._name)
        kept = tuple(
            a
            for a in found
            if (
                a.department in self._area_ids
                and (area_acts(compact, units.area_hits) or area_also_asked(compact))
            )
            or (
                a.department not in self._area_ids
                and unit_role(compact, a.department, units.hits_of) not in (Role.PLACE, Role.LIGHT)
            )
        )
        taken = {a.department for a in named}
        chosen = (*named, *(a for a in kept if a.department not in taken))
        # Second duties the caller touches without naming the unit (shared_duty.py); not
        # candidates to lead instead, only 协办.
        if shown_only:
            taken |= {a.department for a in chosen}
            unnamed = unnamed_assists(compact, lead, self._name)
            chosen = (*chosen, *(a for a in unnamed if a.department not in taken))
            # Units the caller names and asks to act together (shared_duty.jointly_asked).
            chosen = with_joint_assists(chosen, compact, lead, self._name)
        return chosen[:MAX_ASSISTING]

    def _with_auto(self, suggestion: Suggestion) -> Suggestion:
        """The calibrated confidence when the rules carry a calibration; with
        `auto_dispatch.enabled`, the suggestion carries the 自动派单 decision too."""
        settings = self.rules.auto_dispatch
        if settings.calibration is not None and suggestion.evidence is not None:
            calibrated = round(settings.calibration(suggestion.evidence), 4)
            suggestion = dataclasses.replace(suggestion, calibrated=calibrated)
        if not settings.enabled:
            return suggestion
        unit = self._name(suggestion.department) if suggestion.department else ""
        return dataclasses.replace(suggestion, auto_dispatch=advise(suggestion, settings, unit))

    def _classifier_vote(
        self, voter: HistoryModel | None, text: str, area: AreaHit | None
    ) -> ClassifierVote:
        if voter is None:
            return ClassifierVote()
        minimum = self.rules.classifier.seed_min_probability
        return classifier_vote(voter, text, area, self._area_classes, minimum)

    def _fall_back_to_area(
        self, units: UnitScores, area: AreaHit | None, clf: ClassifierVote
    ) -> None:
        """A place name alone does not make a local matter: with a classifier that
        speaks (its local-matter class goes to the area named), the area wins only
        on that vote or on area-matter phrases; the fallback is for when none speaks."""
        quiet = not clf.proba or clf.support <= 0.0
        if units.scores or area is None or not self.rules.area_matters.fallback_to_area:
            return
        if quiet:
            units.scores = {area.area_id: 1.0}
            units.fallback = True

    def _history_vote(
        self, text: str, area: AreaHit | None, units: UnitScores, voter_speaks: bool
    ) -> HistoryVote:
        if self._history is None:
            return HistoryVote()
        rule_lead = units.rule_lead()
        decisive = units.hits_of.get(rule_lead, []) if rule_lead else []
        return self._history.vote(text, area, rule_lead, decisive, voter_speaks)

    def predict_unit(self, text: str, model: HistoryModel | None) -> str | None:
        """The lead unit with another (or no) model: used by cross-validation."""
        return self.with_model(model).suggest(text).department

"""The editable routing rules (config/routing.yaml): parsing, validation, matching. No I/O.

`parse_rules(data, catalog)` turns the loaded YAML mapping into immutable
objects and raises `RulesError` naming the rule at fault, so a typo in the
centre's copy never silently disables routing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hotline.ticketing.catalog import Catalog
from hotline.ticketing.routing.auto import (
    AutoDispatchError,
    AutoDispatchSettings,
    parse_auto_dispatch,
)

# "不给…工资": the second part may follow the first within this many characters.
GAP_CHARS = 8
_GAP = re.compile(r"…|\.\.\.")


class RulesError(ValueError):
    """The routing rules are invalid; the message names the rule."""


@dataclass(frozen=True)
class Phrase:
    """One weighted phrase; `text` is how it is written in the rules file."""

    text: str
    weight: float
    pattern: re.Pattern[str] | None = None  # only for gapped phrases

    def found_in(self, text: str) -> bool:
        if self.pattern is None:
            return self.text in text
        return self.pattern.search(text) is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the phrase occurs in `text` (start, end), first to last."""
        if self.pattern is not None:
            return [m.span() for m in self.pattern.finditer(text)]
        spans, at = [], text.find(self.text)
        while at >= 0:
            spans.append((at, at + len(self.text)))
            at = text.find(self.text, at + 1)
        return spans


@dataclass(frozen=True)
class Hit:
    phrase: str
    weight: float
    by_sound: bool = False  # matched a sound-alike (speech recognition homophone)


@dataclass(frozen=True)
class PhraseSet:
    phrases: tuple[Phrase, ...] = ()

    def hits(self, text: str) -> list[Hit]:
        return [Hit(p.text, p.weight) for p in self.phrases if p.found_in(text)]


@dataclass(frozen=True)
class EpidemicRules:
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    weak_needed: int
    exclude: tuple[str, ...] = ()  # words that contain a cue but are not about an epidemic
    # Cues any illness shares (确诊, 阳性, 传染病): not the epidemic's where the text
    # names another illness or a farm animal (确诊了糖尿病, 乙肝表面抗原阳性, 猪发烧).
    general: tuple[str, ...] = ()
    other_illness: tuple[str, ...] = ()
    # A rabies shot (狂犬) where a person is told bitten or scratched (被…咬: gapped
    # phrases) is the person's, although an animal is named (epidemic.py).
    rabies: tuple[str, ...] = ()
    bitten: tuple[Phrase, ...] = ()
    # The shots after a bite by an animal that carries rabies, the word 狂犬 unsaid.
    bite_shots: tuple[str, ...] = ()
    biters: tuple[str, ...] = ()
    # Strong cues also taken as fuzzy sound-alikes (names of diseases, clinics, tests).
    fuzzy: tuple[str, ...] = ()
    # A cue right after an animal's name is the animal's disease (猪流感, 羊的布病).
    animals: tuple[str, ...] = ()
    # Fevers in several people (聚集性发病: 都发烧, 一半孩子发烧; gapped phrases): a shared
    # cue, so not where another illness or an animal is named (好几头猪发烧).
    cluster: tuple[Phrase, ...] = ()
    cluster_not: tuple[str, ...] = ()  # heating and heat: fevers from cold or sun
    # People named in or just before a cluster (两个工人也高烧): the fevers are theirs,
    # so the cluster counts beside an animal too (养鸡场死了不少鸡 … 工人也高烧).
    cluster_people: tuple[str, ...] = ()
    # The epidemic's places as landmarks: one of `landmarks` followed by a `near` word
    # pointing at another place (发热门诊旁边那个胡同) locates a matter, not the epidemic.
    landmarks: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    # Fevers of a counted group (七八个女工发烧): the fever words after a count of people.
    counted_fevers: tuple[str, ...] = ()
    # The epidemic recalled as a past time (疫情那阵儿): one weak cue, not the strong 疫情.
    recalled: tuple[str, ...] = ()
    # A body hiding its cases (瞒着, 不往上报): one weak cue however many of its words are said.
    hiding: tuple[str, ...] = ()
    # Vomiting or diarrhoea of ten or more people counted (二十多个又吐又拉): an outbreak.
    counted_gut: tuple[str, ...] = ()
    # Food poisoning said (食物中毒): the counted vomiting is the meal's, not an outbreak.
    gut_food: tuple[str, ...] = ()
    # A diagnosis naming another illness by its end (确诊了白血病): as `other_illness`.
    diagnosed: tuple[str, ...] = ()
    # Words for the past before an epidemic place (以前发热门诊那个楼): a relic, no cue.
    past: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    name: str
    area: str


@dataclass(frozen=True)
class GazetteerRules:
    area_names: dict[str, tuple[str, ...]]
    places: tuple[Place, ...]
    not_places: tuple[str, ...]


@dataclass(frozen=True)
class AreaMatterRules:
    phrases: PhraseSet
    unit_beats_area: float
    fallback_to_area: bool
    # ... unless the area matter itself is this many times stronger than that duty.
    area_over_unit: float = 1.5


@dataclass(frozen=True)
class ClassifierSettings:
    model_path: str = "routing-model.joblib"  # relative to the data directory
    weight: float = 0.6
    override_probability: float = 0.5
    min_examples: int = 5
    # The packaged seed corpus (seed_corpus.jsonl) trains the classifier the
    # router uses even before any dispatch history exists (see suggest.py).
    seed_corpus: bool = True
    # How much of the rules' unclaimed share the classifier may fill (0..4; above 1
    # a confident classifier outvotes a weak phrase, see suggest.py).
    seed_weight: float = 1.0
    # Below this probability for its best unit the classifier stays silent. Off
    # by default: 0.3 silenced more right guesses than wrong ones (bench/RESULTS.md).
    seed_min_probability: float = 0.0
    # The request-type classifier: its share of the decision is
    # category_weight × category_prior / (Σ cue scores + category_prior).
    category_weight: float = 1.0
    category_prior: float = 2.0
    # Scheduled retraining inside the service (retrain.py): every this many hours, 0 = off;
    # the newest share of the history judges the new model against the live one.
    retrain_hours: float = 24.0
    retrain_holdout_share: float = 0.2
    retrain_min_holdout: int = 20
    # Retraining reads at most this many newest dispatched tickets (memory stays bounded
    # on a city's history; newer dispatches say more about today's duties).
    retrain_max_history: int = 50000


@dataclass(frozen=True)
class BackoffSettings:
    """Word votes when no phrase matched (see backoff.py)."""

    enabled: bool = True
    max_word_frequency: int = 3000
    max_units: int = 2
    weight: float = 1.0


@dataclass(frozen=True)
class DuplicateSettings:
    window_days: float = 7
    min_similarity: float = 0.5
    limit: int = 5


@dataclass(frozen=True)
class RoutingRules:
    corrections: dict[str, str]
    category_default: str
    category_min_score: float
    category_cues: dict[str, PhraseSet]  # in tie-break order
    epidemic: EpidemicRules
    gazetteer: GazetteerRules
    area_matters: AreaMatterRules
    units: dict[str, PhraseSet]
    classifier: ClassifierSettings = field(default_factory=ClassifierSettings)
    duplicates: DuplicateSettings = field(default_factory=DuplicateSettings)
    backoff: BackoffSettings = field(default_factory=BackoffSettings)
    auto_dispatch: AutoDispatchSettings = field(default_factory=AutoDispatchSettings)


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise RulesError(f"{where}: expected a mapping, got {type(value).__name__} {value!r}")
    return value


def _string_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RulesError(f"{where}: expected a list of non-empty texts, got {value!r}")
    return tuple(v.strip() for v in value)


def _gapped(value: Any, where: str) -> tuple[Phrase, ...]:
    """A list of phrases of weight 1, each perhaps with gaps (都…发烧)."""
    return tuple(_phrase(t, 1, where) for t in _string_list(value, where))


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise RulesError(f"{where}: expected true or false, got {value!r}")
    return value


def _number(value: Any, where: str, *, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RulesError(f"{where}: expected a number, got {value!r}")
    if not low <= value <= high:
        raise RulesError(f"{where}: {value!r} is outside {low}..{high}")
    return float(value)


def _phrase(text: Any, weight: Any, where: str) -> Phrase:
    if not isinstance(text, str) or not text.strip():
        raise RulesError(f"{where}: a phrase must be non-empty text, got {text!r}")
    text = text.strip()
    if re.search(r"\s", text):
        raise RulesError(f"{where}: phrase {text!r} contains a space; write it without spaces")
    w = _number(weight, f"{where}: phrase {text!r} weight", low=-10, high=10)
    parts = _GAP.split(text)
    if len(parts) == 1:
        return Phrase(text, w)
    if any(not p for p in parts):
        raise RulesError(f"{where}: phrase {text!r} has an empty part around '…'")
    gap = f".{{0,{GAP_CHARS}}}?"
    return Phrase(text, w, re.compile(gap.join(re.escape(p) for p in parts)))


def _phrase_set(value: Any, where: str) -> PhraseSet:
    items = _mapping(value, where)
    return PhraseSet(tuple(_phrase(k, v, where) for k, v in items.items()))


def parse_rules(data: Any, catalog: Catalog) -> RoutingRules:
    """Validate the rules mapping against the catalogue; raise RulesError naming the fault."""
    root = _mapping(data, "routing rules")
    known = {"version", "asr_corrections", "categories", "epidemic", "gazetteer"}
    known |= {"area_matters", "units", "classifier", "duplicates", "backoff", "auto_dispatch"}
    for key in root:
        if key not in known:
            raise RulesError(f"unknown section {key!r} (known: {', '.join(sorted(known))})")

    corrections: dict[str, str] = {}
    for heard, meant in _mapping(root.get("asr_corrections"), "asr_corrections").items():
        if not isinstance(heard, str) or not isinstance(meant, str) or not heard or not meant:
            raise RulesError(f"asr_corrections: {heard!r}: {meant!r} must map text to text")
        corrections[heard] = meant

    cats = _mapping(root.get("categories"), "categories")
    category_ids = set(catalog.category_ids())
    default = cats.get("default", "complaint")
    if default not in category_ids:
        raise RulesError(f"categories.default: unknown request type {default!r}")
    min_score = _number(cats.get("min_score", 1), "categories.min_score", low=0, high=100)
    cues: dict[str, PhraseSet] = {}
    for cat_id, phrases in _mapping(cats.get("cues"), "categories.cues").items():
        if cat_id not in category_ids:
            raise RulesError(
                f"categories.cues.{cat_id}: unknown request type "
                f"(known: {', '.join(sorted(category_ids))})"
            )
        cues[cat_id] = _phrase_set(phrases, f"categories.cues.{cat_id}")

    epi = _mapping(root.get("epidemic"), "epidemic")

    def words(key: str) -> tuple[str, ...]:
        return _string_list(epi.get(key), f"epidemic.{key}")

    epidemic = EpidemicRules(
        strong=words("strong"),
        weak=words("weak"),
        weak_needed=int(_number(epi.get("weak_needed", 2), "epidemic.weak_needed", low=1, high=20)),
        exclude=words("exclude"),
        general=words("general"),
        other_illness=words("other_illness"),
        rabies=words("rabies"),
        fuzzy=words("fuzzy"),
        bitten=_gapped(epi.get("bitten"), "epidemic.bitten"),
        bite_shots=words("bite_shots"),
        biters=words("biters"),
        animals=words("animals"),
        cluster=_gapped(epi.get("cluster"), "epidemic.cluster"),
        cluster_not=words("cluster_not"),
        cluster_people=words("cluster_people"),
        landmarks=words("landmarks"),
        near=words("near"),
        counted_fevers=words("counted_fevers"),
        recalled=words("recalled"),
        hiding=words("hiding"),
        counted_gut=words("counted_gut"),
        gut_food=words("gut_food"),
        diagnosed=words("diagnosed"),
        past=words("past"),
    )

    gaz = _mapping(root.get("gazetteer"), "gazetteer")
    area_ids = {a.id for a in catalog.areas}
    area_names: dict[str, tuple[str, ...]] = {}
    for area_id, names in _mapping(gaz.get("areas"), "gazetteer.areas").items():
        if area_id not in area_ids:
            raise RulesError(f"gazetteer.areas.{area_id}: unknown area id")
        area_names[area_id] = _string_list(names, f"gazetteer.areas.{area_id}")
    for area in catalog.areas:  # the catalogue's own name always counts
        if area.name not in area_names.get(area.id, ()):
            area_names[area.id] = (area.name, *area_names.get(area.id, ()))
    places: list[Place] = []
    raw_places = gaz.get("places") or []
    if not isinstance(raw_places, list):
        raise RulesError("gazetteer.places: expected a list of {name, area}")
    for i, item in enumerate(raw_places):
        where = f"gazetteer.places[{i}]"
        item = _mapping(item, where)
        name, area = item.get("name"), item.get("area")
        if not isinstance(name, str) or not name.strip():
            raise RulesError(f"{where}: missing name")
        if area not in area_ids:
            raise RulesError(f"{where} ({name}): unknown area {area!r}")
        places.append(Place(name.strip(), area))
    gazetteer = GazetteerRules(
        area_names, tuple(places), _string_list(gaz.get("not_places"), "gazetteer.not_places")
    )

    am = _mapping(root.get("area_matters"), "area_matters")
    area_matters = AreaMatterRules(
        phrases=_phrase_set(am.get("phrases"), "area_matters.phrases"),
        unit_beats_area=_number(
            am.get("unit_beats_area", 3), "area_matters.unit_beats_area", low=0, high=100
        ),
        fallback_to_area=bool(am.get("fallback_to_area", True)),
        area_over_unit=_number(
            am.get("area_over_unit", 1.5), "area_matters.area_over_unit", low=1, high=100
        ),
    )

    units: dict[str, PhraseSet] = {}
    for unit_id, phrases in _mapping(root.get("units"), "units").items():
        if not catalog.has_unit(unit_id):
            raise RulesError(f"units.{unit_id}: not a unit or area id of the catalogue")
        units[unit_id] = _phrase_set(phrases, f"units.{unit_id}")

    clf = _mapping(root.get("classifier"), "classifier")
    classifier = ClassifierSettings(
        model_path=str(clf.get("model_path", ClassifierSettings.model_path)),
        weight=_number(clf.get("weight", 0.6), "classifier.weight", low=0, high=1),
        override_probability=_number(
            clf.get("override_probability", 0.5), "classifier.override_probability", low=0, high=1
        ),
        min_examples=int(
            _number(clf.get("min_examples", 5), "classifier.min_examples", low=1, high=1e6)
        ),
        seed_corpus=_flag(clf.get("seed_corpus", True), "classifier.seed_corpus"),
        seed_weight=_number(clf.get("seed_weight", 1.0), "classifier.seed_weight", low=0, high=4),
        seed_min_probability=_number(
            clf.get("seed_min_probability", 0.0), "classifier.seed_min_probability", low=0, high=1
        ),
        category_weight=_number(
            clf.get("category_weight", 1.0), "classifier.category_weight", low=0, high=1
        ),
        category_prior=_number(
            clf.get("category_prior", 2.0), "classifier.category_prior", low=0.1, high=100
        ),
        retrain_hours=_number(
            clf.get("retrain_hours", 24.0), "classifier.retrain_hours", low=0, high=24 * 366
        ),
        retrain_holdout_share=_number(
            clf.get("retrain_holdout_share", 0.2),
            "classifier.retrain_holdout_share",
            low=0.05,
            high=0.5,
        ),
        retrain_min_holdout=int(
            _number(
                clf.get("retrain_min_holdout", 20),
                "classifier.retrain_min_holdout",
                low=1,
                high=1e6,
            )
        ),
        retrain_max_history=int(
            _number(
                clf.get("retrain_max_history", 50000),
                "classifier.retrain_max_history",
                low=100,
                high=1e8,
            )
        ),
    )
    dup = _mapping(root.get("duplicates"), "duplicates")
    duplicates = DuplicateSettings(
        window_days=_number(dup.get("window_days", 7), "duplicates.window_days", low=0, high=3650),
        min_similarity=_number(
            dup.get("min_similarity", 0.5), "duplicates.min_similarity", low=0, high=1
        ),
        limit=int(_number(dup.get("limit", 5), "duplicates.limit", low=1, high=100)),
    )
    bo = _mapping(root.get("backoff"), "backoff")
    backoff = BackoffSettings(
        enabled=bool(bo.get("enabled", True)),
        max_word_frequency=int(
            _number(
                bo.get("max_word_frequency", 3000), "backoff.max_word_frequency", low=0, high=1e9
            )
        ),
        max_units=int(_number(bo.get("max_units", 2), "backoff.max_units", low=1, high=25)),
        weight=_number(bo.get("weight", 1.0), "backoff.weight", low=0, high=4),
    )
    return RoutingRules(
        corrections=corrections,
        category_default=default,
        category_min_score=min_score,
        category_cues=cues,
        epidemic=epidemic,
        gazetteer=gazetteer,
        area_matters=area_matters,
        units=units,
        classifier=classifier,
        duplicates=duplicates,
        backoff=backoff,
        auto_dispatch=_auto_dispatch(root.get("auto_dispatch")),
    )


def _auto_dispatch(data: Any) -> AutoDispatchSettings:
    try:
        return parse_auto_dispatch(data)
    except AutoDispatchError as exc:
        raise RulesError(str(exc)) from exc

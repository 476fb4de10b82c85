"""Finding a rule set's phrases in a text, by spelling or by sound, and scoring them. No I/O."""

from __future__ import annotations

from hotline.ticketing.routing.phonetic import PhoneticIndex, TextSound
from hotline.ticketing.routing.rules import Hit, PhraseSet, RoutingRules

# A phrase matched only by sound (停睡 for 停水) counts this share of its weight;
# a two-syllable sound-alike made of two separate words ("谁 管" ~ 水管) is
# usually a coincidence and counts less. A phrase of three or more syllables heard as
# one word no dictionary knows (深份证 for 身份证, 劳动监查 for 劳动监察) is the
# recogniser's slip for that phrase, not a coincidence: it counts in full.
SOUND_FACTOR = 0.7
SOUND_FACTOR_SPLIT_PAIR = 0.35
SLIP_MIN_CHARS = 3
# A unit's phrase heard inside words the segmenter could only guess (伊保能 for 医保能,
# 说迪|保要 for 说低保要), sharing a character with it: the recogniser's slip of a duty
# word, as sure as a boundary-aligned sound match.
GLUED_FACTOR = 1.0
# Only a strong duty word (城管, 低保, 医保: weight 3 or more) is worth recovering from the
# segmenter's guess; a hint heard so is mostly a coincidence (家店 in 那家店 for 家电).
GLUED_MIN_WEIGHT = 3.0


def rule_words(rules: RoutingRules) -> list[str]:
    """Every word the rules may look for: what the sound index has to know."""
    sets = [*rules.units.values(), *rules.category_cues.values(), rules.area_matters.phrases]
    words = [p.text for s in sets for p in s.phrases]
    words += [*rules.epidemic.strong, *rules.epidemic.weak]
    for names in rules.gazetteer.area_names.values():
        words += names
    words += [p.name for p in rules.gazetteer.places]
    return words


def find_hits(
    phrases: PhraseSet,
    text: str,
    text_sound: TextSound,
    phonetic: PhoneticIndex,
    glued: bool = False,
) -> list[Hit]:
    """The set's phrases written in `text`, and those only heard in it (by sound).
    With `glued`, also a phrase heard inside words no dictionary knows
    (TextSound.glued: 城冠扫 for 城管), at `GLUED_FACTOR`."""
    hits: list[Hit] = []
    glued_hits: list[Hit] = []
    for phrase in phrases.phrases:
        if phrase.found_in(text):
            hits.append(Hit(phrase.text, phrase.weight))
        elif phrase.pattern is None:
            key = phonetic.any_sound_of(phrase.text)
            words, heard = text_sound.match(key) if key is not None else (0, "")
            # A single dictionary word heard (片区 for 骗取) is what was said; a
            # phrase with common twins needs that one non-word (一保 for 医保).
            twinned = phonetic.sound_of(phrase.text) is None
            real_word = words == 1 and phonetic.is_word(heard)
            if words and not real_word and not (twinned and words > 1):
                split_pair = len(phrase.text) == 2 and words == 2
                slip = words == 1 and len(phrase.text) >= SLIP_MIN_CHARS
                factor = SOUND_FACTOR_SPLIT_PAIR if split_pair else 1.0 if slip else SOUND_FACTOR
                hits.append(Hit(phrase.text, phrase.weight * factor, by_sound=True))
            elif (
                not words
                and glued
                and phrase.weight >= GLUED_MIN_WEIGHT
                and key is not None
                and text_sound.glued(key, phrase.text, phonetic.is_word)
            ):
                glued_hits.append(Hit(phrase.text, phrase.weight * GLUED_FACTOR, by_sound=True))
    # Heard inside a longer phrase of the set already heard (采暖 in 财暖费 beside 采暖费):
    # the same mention, counted once. So is a longer phrase only heard around a shorter one
    # written (户口簿 heard in 户口不在, where 户口 is written): the written one counts.
    written = [h.phrase for h in hits if not h.by_sound]
    hits = [h for h in hits if not h.by_sound or not any(w in h.phrase for w in written)]
    return hits + [g for g in glued_hits if not any(g.phrase in h.phrase for h in hits)]


def strongest(hits: list[Hit]) -> float:
    """Tie-break between equal totals: the unit named by the more specific phrase."""
    return max((h.weight for h in hits), default=0.0)


def points(hits: list[Hit], text: str) -> float:
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


def quote(hits: list[Hit], limit: int = 3) -> str:
    """The strongest phrases, quoted for the console ("(音近)" when only heard by sound)."""
    best = sorted(hits, key=lambda h: -h.weight)[:limit]
    return "".join(f"“{h.phrase}”" + ("(音近)" if h.by_sound else "") for h in best)

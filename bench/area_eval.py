"""The area alone, on every labelled text: hits where a place is said, false areas where none is.

    python bench/area_eval.py [--misses] [--false] [--by-set]

The suggested area is the gazetteer's (suggest.py reads no classifier for it), so this reads
the text as `Router.suggest` does up to the gazetteer and stops there: fast enough to run on
all retired sets (rounds 2–17), the dev sets and the seed corpus at every change, and no
classifier is trained, so there is no in-sample or held-out difference to report.

Columns per source: texts with a place labelled (`said`), right area among them, texts with
no place labelled (`none`) and false areas among them (an area the text does not say; a
false area sends the ticket to the wrong town's liaison). `--misses` lists the wrong and
missed areas, `--false` the false ones, each with how the area was found (as written, by
sound or by fuzzy sound).

`--half-pinyin`: the texts that name their area as written, each rewritten once per
character of the name with that character in toneless pinyin (芦屯镇 → lu屯镇, 芦tun镇,
芦屯zhen), as an input method's hurried typist leaves it; the share still placed right.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hotline.ticketing.routing.files import build_router, load_rules  # noqa: E402
from hotline.ticketing.routing.gazetteer import AreaHit  # noqa: E402
from hotline.ticketing.routing.phonetic import TextSound, syllables  # noqa: E402
from hotline.ticketing.routing.speech import normalise_speech  # noqa: E402
from hotline.ticketing.routing.suggest import MAX_CHARS, Router  # noqa: E402
from hotline.ticketing.routing.text import (  # noqa: E402
    apply_corrections,
    chunks,
    decoded,
    normalise,
)

from hotline.catalog_loader import load_catalog  # noqa: E402

DEV = ROOT / "tests/routing/data"
SOURCES = {
    "retired": [ROOT / "ticketing/routing/retired_sets.jsonl"],
    "dev": sorted(DEV.glob("*.jsonl")),
    "seed": [ROOT / "ticketing/routing/seed_corpus.jsonl"],
}


def area_of(router: Router, text: str) -> AreaHit | None:
    """The gazetteer's area for `text`, read as `Router.suggest` reads it."""
    text = decoded(text[:MAX_CHARS])
    text = router._respeller.respell(normalise_speech(router.gazetteer.spelt(text)))
    whole = apply_corrections(normalise(text), router.rules.corrections).replace(" ", "")
    return router.gazetteer.find(whole, TextSound(chunks(text)))


def items(path: Path) -> list[tuple[str, str, str | None]]:
    """(set name, text, area label) of each labelled line; eval.jsonl gives two texts."""
    found = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        if "area" not in item:
            continue
        name = item.get("source", f"{path.stem}:{n}").rsplit(":", 1)[0]
        texts = [item[k] for k in ("text", "clean", "asr") if k in item]
        found += [(name, t, item["area"]) for t in texts]
    return found


def half_pinyin(router: Router, texts: list[tuple[str, str, str | None]]) -> None:
    """Print how many one-character-in-pinyin rewrites of each written name stay placed."""
    tried = right = 0
    for _, text, label in texts:
        hit = area_of(router, text)
        if label is None or hit is None or hit.area_id != label or hit.by_sound:
            continue
        name = next((n for n in hit.names if n in text and len(syllables(n)) == len(n)), None)
        for i, sound in enumerate(syllables(name or "")):
            assert name is not None
            variant = text.replace(name, name[:i] + sound + name[i + 1 :], 1)
            got = area_of(router, variant)
            tried += 1
            right += got is not None and got.area_id == label
            if got is None or got.area_id != label:
                print(f"HALF {label}→{got.area_id if got else None} {variant[:80]}")
    print(f"half pinyin: {right} of {tried} placed right ({right / max(tried, 1):.3f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list wrong and missed areas")
    parser.add_argument("--false", action="store_true", help="list false areas")
    parser.add_argument("--by-set", action="store_true", help="a line per set, not per source")
    parser.add_argument("--half-pinyin", action="store_true", help="names half in pinyin")
    args = parser.parse_args()
    catalog = load_catalog()
    router = build_router(load_rules(catalog), catalog, None)
    if args.half_pinyin:
        half_pinyin(router, [t for path in SOURCES["retired"] for t in items(path)])
        return 0
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for source, paths in SOURCES.items():
        for path in paths:
            for name, text, label in items(path):
                hit = area_of(router, text)
                got = hit.area_id if hit else None
                how = "" if hit is None else ("sound" if hit.by_sound else "written")
                row = totals[name if args.by_set else source]
                if label:
                    row[0] += 1
                    row[1] += got == label
                    if got != label and args.misses:
                        print(f"MISS {name} {label}→{got} {how} {hit.names if hit else ''} {text}")
                else:
                    row[2] += 1
                    row[3] += got is not None
                    if got is not None and args.false:
                        print(f"FALSE {name} →{got} {how} {hit.names if hit else ''} {text}")
    print(f"{'source':16} {'said':>5} {'right':>6} {'acc':>6} {'none':>5} {'false':>6} {'rate':>6}")
    for name, (said, right, none, false) in sorted(totals.items()):
        print(
            f"{name:16} {said:>5} {right:>6} {right / max(said, 1):>6.3f} "
            f"{none:>5} {false:>6} {false / max(none, 1):>6.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

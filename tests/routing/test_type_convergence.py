"""The request-type classifier is its objective's optimum, not wherever the solver stopped.

Stopped early (9 L-BFGS steps at tol 1e-3), its types moved with any change of the training
data: retiring one more round (5 % more lines) turned a tenth of the dev set's complaints
into reports and consults. At the optimum, fitting on from where it stopped changes nothing.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import numpy as np
from hotline.ticketing.routing import Router
from hotline.ticketing.routing.seed import training_records
from hotline.ticketing.routing.text import normalise
from hotline.ticketing.routing.type_fit import type_columns
from scipy.sparse import diags

EVAL = Path(__file__).parent / "data" / "eval.jsonl"


def test_fitting_the_type_classifier_further_changes_no_type(router: Router) -> None:
    model = router.classifier()
    assert model is not None and model.category_pipeline is not None
    features = model.category_pipeline.named_steps["features"]
    fitted = model.category_pipeline.named_steps["model"]
    typed = [r for r in training_records() if len(r) > 2 and r[2]]
    # The rows as the type fit reads them: the muted columns zero (type_fit.py).
    x = features.transform([normalise(r[0]) for r in typed]) @ diags(type_columns(features))
    weights = np.array([float(r[3]) if len(r) > 3 else 1.0 for r in typed])  # type: ignore[misc]
    further = copy.deepcopy(fitted).set_params(warm_start=True, tol=1e-7, max_iter=10_000)
    further.fit(x, [r[2] for r in typed], sample_weight=weights)
    assert further.n_iter_[0] < 10_000  # it did reach the optimum
    items = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()]
    texts = [normalise(item[variant]) for item in items for variant in ("clean", "asr")]
    before = fitted.predict(features.transform(texts))
    after = further.predict(features.transform(texts))
    changed = [t for t, a, b in zip(texts, before, after, strict=True) if a != b]
    assert len(changed) <= len(texts) // 100, changed


def test_someone_or_there_is_a_weighs_nothing_for_the_type(router: Router) -> None:
    # 有人/有个 say only that another party acts, as complaints say it too (楼下有个烧烤店吵得
    # 睡不着); the unit classifier still reads them, the type classifier gives them no weight.
    pipeline = router.classifier().category_pipeline
    assert pipeline is not None
    names = pipeline.named_steps["features"].get_feature_names_out()
    muted = [j for j, name in enumerate(names) if "有人" in name or "有个" in name]
    assert len(muted) > 10  # words, characters and word pairs holding them are features
    weights = pipeline.named_steps["model"].coef_
    assert np.all(weights[:, muted] == 0.0)
    read = [j for j, name in enumerate(names) if name.endswith("__举报")]
    assert read and np.any(weights[:, read] != 0.0)

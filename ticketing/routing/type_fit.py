"""How the request-type classifier is fitted on the shared features. No I/O.

The type classifier reads the unit classifier's fitted features (classifier.py) with the
unit model's settings, but it is fitted to convergence and gives no weight to words that
say only that another party acts.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

# The type classifier is fitted to convergence: at the unit model's tol (1e-3) L-BFGS
# stopped after 9 of its steps on the ~4000 typed texts, far from the optimum, and where
# it stopped moved with the data: adding round 16's 330 lines (5 %) took the dev set's
# type from 0.872 to 0.788, while the converged fit moves 0.864 → 0.858 (bench/RESULTS.md).
# About 80 steps, a second of one core.
CATEGORY_TOL = 1e-5
CATEGORY_MAX_ITER = 5000
# Features the type classifier does not read: 有人/有个 ("someone", "there is a …") say only
# that another party acts, which a complaint says as often (楼下有个烧烤店吵得睡不着: the
# catalogue's own complaint example) as a report; learned, they were the report's strongest
# words after 举报, in every feature family at once (word, characters, sounds), so that a
# lone 有人 read as a report. Muted (their columns zero in the type fit, so their weights
# stay 0), held out on rounds 12–16 they cost nothing and fixed 3 types; +4 dev routings.
CATEGORY_MUTED = ("有人", "有个")
CATEGORY_MUTED_SOUNDS = frozenset({"you ren", "you ge"})


def type_columns(features: FeatureUnion) -> np.ndarray:
    """1 per feature column the type classifier reads, 0 for the muted (CATEGORY_MUTED)."""
    names = features.get_feature_names_out()
    keep = np.ones(len(names))
    for j, name in enumerate(names):
        family, token = name.split("__", 1)
        if family == "sounds":
            muted = token in CATEGORY_MUTED_SOUNDS
        else:
            muted = any(m in token for m in CATEGORY_MUTED)
        keep[j] = 0.0 if muted else 1.0
    return keep


def fit_type_model(
    unit_model: LogisticRegression,
    features: FeatureUnion,
    rows: Any,
    categories: list[str | None],
    weights: np.ndarray | None,
) -> LogisticRegression:
    """A clone of the unit model's settings fitted on the typed texts' feature rows, to
    convergence (CATEGORY_TOL), with the muted columns (CATEGORY_MUTED) zero."""
    model = clone(unit_model).set_params(tol=CATEGORY_TOL, max_iter=CATEGORY_MAX_ITER)
    muted = sparse.csr_matrix(rows @ sparse.diags(type_columns(features)))
    model.fit(muted, categories, **({"sample_weight": weights} if weights is not None else {}))
    return model

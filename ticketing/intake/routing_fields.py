"""A routing suggestion (the `hotline route` JSON shape) → the ticket fields it prefills."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def routing_fields(suggestion: dict[str, Any], numbers: Iterable[str] = ()) -> dict[str, Any]:
    """Map a routing suggestion (the `hotline route` JSON shape) to ticket fields.

    Keys read: department (lead unit or area id), alternatives [{department, score}],
    category, area, epidemic, confidence, explanation, callback_number; asr_model,
    routed_text and lexicon when the correction lexicon wrapped the router.
    """
    callback = suggestion.get("callback_number")
    if not callback:
        # Fall back to a dictated mobile number the ASR normalised.
        callback = next((n for n in numbers if len(n) == 11 and n.startswith("1")), None)
    kept = {
        "type": suggestion.get("category"),
        "lead": suggestion.get("department"),
        "alternatives": list(suggestion.get("alternatives") or []),
        "area": suggestion.get("area"),
        "epidemic": bool(suggestion.get("epidemic", False)),
        "callback_number": callback,
        "confidence": suggestion.get("confidence"),
        "explanation": suggestion.get("explanation", ""),
    }
    # Written by ticketing.lexicon.lexicon_route: the model that heard the call, and the
    # text routing saw when the correction lexicon changed it.
    # routing.auto.advise: whether intake may dispatch the draft without an operator.
    for key in ("asr_model", "routed_text", "lexicon", "auto_dispatch"):
        if suggestion.get(key):
            kept[key] = suggestion[key]
    return {
        "request_type": kept["type"],
        "area_id": kept["area"],
        "epidemic": kept["epidemic"],
        "callback_number": callback,
        "suggestion": kept,
    }

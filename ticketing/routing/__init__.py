"""Dispatch suggestions (派单建议): request type, lead unit, area, epidemic flag, callback
number, duplicate candidates — from rules the centre edits and from its own dispatch history.

The API the intake and the console use:

    router = load_router(catalog, settings.routing_rules_path)   # once per process
    router = build_router(rules, catalog, model)   # the same, from rules already loaded
    suggestion = router.suggest(text)            # Suggestion; .to_dict() is the JSON form
    number = extract_callback_number(text)       # CallbackNumber | None (.digits, .kind)
    candidates = find_duplicates(DraftInfo(...), open_tickets, window_days=..., ...)

Round 2: `suggest` first rewrites spoken/东北 Chinese (speech.py); `Suggestion.assisting`
names 协办 units with reasons (assist.py; shared_duty.py for a second duty the caller
touches without naming its unit); auto.py decides 自动派单 from
`rules.auto_dispatch` and calibrates its threshold (area_ask.py: a caller asking the town or
community to act holds a department's lead back); champion.py judges a retrained model.
"""

from __future__ import annotations

import importlib
from typing import Any

# Imported on first use: scikit-learn takes seconds to import, and `hotline`
# commands that never route should not pay for it.
_WHERE = {
    "HistoryModel": "classifier",
    "TrainingError": "classifier",
    "cross_validate": "classifier",
    "train": "classifier",
    "train_seed": "classifier",
    "DraftInfo": "duplicates",
    "DuplicateCandidate": "duplicates",
    "OpenTicketInfo": "duplicates",
    "find_duplicates": "duplicates",
    "DEFAULT_RULES_FILE": "files",
    "build_router": "files",
    "ModelFileError": "files",
    "load_model": "files",
    "load_router": "files",
    "load_rules": "files",
    "save_model": "files",
    "CallbackNumber": "numbers",
    "extract_callback_number": "numbers",
    "RoutingRules": "rules",
    "RulesError": "rules",
    "parse_rules": "rules",
    "Alternative": "suggestion",
    "Router": "suggest",
    "Suggestion": "suggestion",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'hotline.ticketing.routing' has no attribute {name!r}")
    return getattr(importlib.import_module(f"hotline.ticketing.routing.{_WHERE[name]}"), name)


__all__ = [
    "DEFAULT_RULES_FILE",
    "Alternative",
    "CallbackNumber",
    "DraftInfo",
    "DuplicateCandidate",
    "HistoryModel",
    "ModelFileError",
    "OpenTicketInfo",
    "Router",
    "RoutingRules",
    "RulesError",
    "Suggestion",
    "TrainingError",
    "build_router",
    "cross_validate",
    "extract_callback_number",
    "find_duplicates",
    "load_model",
    "load_router",
    "load_rules",
    "parse_rules",
    "save_model",
    "train",
    "train_seed",
]

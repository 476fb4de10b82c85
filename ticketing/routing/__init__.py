"""Dispatch suggestions (派单建议): request type, lead unit, area, epidemic flag, callback
number, duplicate candidates — from rules the centre edits and from its own dispatch history.

The API the intake and the console use:

    router = load_router(catalog, settings.routing_rules_path)   # once per process
    suggestion = router.suggest(text)            # Suggestion; .to_dict() is the JSON form
    number = extract_callback_number(text)       # CallbackNumber | None (.digits, .kind)
    candidates = find_duplicates(DraftInfo(...), open_tickets, window_days=..., ...)
"""

from ticketing.routing.classifier import HistoryModel, TrainingError, cross_validate, train
from ticketing.routing.duplicates import (
    DraftInfo,
    DuplicateCandidate,
    OpenTicketInfo,
    find_duplicates,
)
from ticketing.routing.files import (
    DEFAULT_RULES_FILE,
    ModelFileError,
    load_model,
    load_router,
    load_rules,
    save_model,
)
from ticketing.routing.numbers import CallbackNumber, extract_callback_number
from ticketing.routing.rules import RoutingRules, RulesError, parse_rules
from ticketing.routing.suggest import Alternative, Router, Suggestion

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
    "cross_validate",
    "extract_callback_number",
    "find_duplicates",
    "load_model",
    "load_router",
    "load_rules",
    "parse_rules",
    "save_model",
    "train",
]

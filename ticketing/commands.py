"""Commands an actor issues on a ticket: small typed payloads, parsed from API/CLI data.

Which command is allowed when, and for whom, lives in `ticketing.workflow`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from hotline.ticketing.errors import InvalidInputError
from hotline.ticketing.model import TranscriptWord


class CommandName(StrEnum):
    CLAIM = "claim"  # 认领
    CORRECT = "correct"  # 修改 (transcript, summary, fields, missing-info marks)
    REGISTER = "register"  # 登记
    DISPATCH = "dispatch"  # 派单
    ACCEPT = "accept"  # 签收
    RETURN = "return"  # 退单
    REASSIGN = "reassign"  # 改派
    REPLY = "reply"  # 答复
    REVIEW = "review"  # 审核通过
    SEND_BACK = "send_back"  # 审核退回
    SUPERVISE = "supervise"  # 督办 (a note; the state does not change)
    START_FOLLOW_UP = "start_follow_up"  # 开始回访
    RECORD_SATISFACTION = "record_satisfaction"  # 记录回访结果
    REOPEN = "reopen"  # 重办 (caller dissatisfied)
    CLOSE = "close"  # 办结
    REPORT = "report"  # 上报
    MERGE = "merge"  # 并单
    MARK_INVALID = "mark_invalid"  # 标记无效
    RESTORE = "restore"  # 恢复
    ATTACH_TRANSCRIPT = "attach_transcript"  # machine transcript arrived late (ASR backlog)
    AUTO_DISPATCH = "auto_dispatch"  # 自动派单 (the machine, when routing is sure enough)
    TAKE_BACK = "take_back"  # 收回自动派单 (back to the operators' queue as a draft)


COMMAND_LABELS: dict[CommandName, str] = {
    CommandName.CLAIM: "认领",
    CommandName.CORRECT: "修改",
    CommandName.REGISTER: "登记",
    CommandName.DISPATCH: "派单",
    CommandName.ACCEPT: "签收",
    CommandName.RETURN: "退单",
    CommandName.REASSIGN: "改派",
    CommandName.REPLY: "答复",
    CommandName.REVIEW: "审核通过",
    CommandName.SEND_BACK: "审核退回",
    CommandName.SUPERVISE: "督办",
    CommandName.START_FOLLOW_UP: "开始回访",
    CommandName.RECORD_SATISFACTION: "记录回访结果",
    CommandName.REOPEN: "重新办理",
    CommandName.CLOSE: "办结",
    CommandName.REPORT: "上报",
    CommandName.MERGE: "并单",
    CommandName.MARK_INVALID: "标记无效",
    CommandName.RESTORE: "恢复",
    CommandName.ATTACH_TRANSCRIPT: "转写完成",
    CommandName.AUTO_DISPATCH: "自动派单",
    CommandName.TAKE_BACK: "收回自动派单",
}


# Longest text each command field takes (characters); other text fields are ids or
# short codes and take SHORT_FIELD. The web app's body size limit stays on top of these.
TEXT_LIMITS: dict[str, int] = {
    "corrected_text": 20_000,
    "text": 20_000,
    "summary": 2_000,
    "location_text": 500,
    "reason": 5_000,
    "note": 5_000,
    "caller_name": 100,
    "callback_number": 40,
    "upstream_ref": 200,
}
SHORT_FIELD = 100
MAX_ITEMS = 100  # entries of a list field (assisting units, missing-info marks, duplicates)
MAX_ID = 2**63 - 1  # ticket ids are BIGINT-sized in every database
FIELD_LABELS: dict[str, str] = {
    "corrected_text": "诉求内容",
    "text": "内容",
    "summary": "摘要",
    "location_text": "地点",
    "reason": "原因说明",
    "note": "备注",
    "caller_name": "来电人姓名",
    "callback_number": "回拨号码",
    "upstream_ref": "上报编号",
    "lead_unit": "主办单位",
    "assisting_units": "协办单位",
    "missing_info": "缺失信息",
    "duplicate_candidates": "疑似重复工单",
    "into_ticket_id": "并入工单",
}


def _too_long(field: str, limit: int, size: int) -> InvalidInputError:
    label = FIELD_LABELS.get(field, field)
    return InvalidInputError(
        "text_too_long",
        f"「{label}」过长：最多 {limit} 个字，当前 {size} 个字",
        f"{field}: {size} characters, at most {limit}",
    )


def _check_value(field: str, value: Any, limit: int) -> None:
    label = FIELD_LABELS.get(field, field)
    if isinstance(value, str):
        if len(value) > limit:
            raise _too_long(field, limit, len(value))
        if "\x00" in value:
            raise InvalidInputError(
                "invalid_input", f"「{label}」含有非法字符", f"{field}: NUL character"
            )
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ID:
        raise InvalidInputError("invalid_input", f"「{label}」超出范围", f"{field}: out of range")


@dataclass(frozen=True)
class Command:
    name: ClassVar[CommandName]
    reason: str = ""
    # Per-command overrides of TEXT_LIMITS.
    limits: ClassVar[dict[str, int]] = {}

    def __post_init__(self) -> None:
        """Refuse oversized texts, NUL characters and ids no database column can hold."""
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            limit = self.limits.get(f.name) or TEXT_LIMITS.get(f.name, SHORT_FIELD)
            if isinstance(value, tuple):
                if len(value) > MAX_ITEMS:
                    raise _too_long(f.name, MAX_ITEMS, len(value))
                for item in value:
                    _check_value(f.name, item, SHORT_FIELD)
            else:
                _check_value(f.name, value, limit)

    def details(self) -> dict[str, Any]:
        """The payload as JSON-safe data for the history entry (reason kept apart)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name == "reason":
                continue
            value = getattr(self, f.name)
            if value is None or value == ():
                continue
            if isinstance(value, tuple):
                value = [v.to_dict() if isinstance(v, TranscriptWord) else v for v in value]
            out[f.name] = value
        return out


def _command(class_name: str, name: CommandName, base: type[Command] = Command) -> type[Command]:
    """A command that adds no field to `base` (by default: only the optional reason)."""
    namespace = {"name": name, "__module__": __name__, "__qualname__": class_name}
    return dataclass(frozen=True)(type(class_name, (base,), namespace))


@dataclass(frozen=True)
class _TicketFields(Command):
    """Fields an operator may set while the ticket is at the centre. None = leave as is."""

    corrected_text: str | None = None
    summary: str | None = None
    request_type: str | None = None
    location_text: str | None = None
    area_id: str | None = None  # "" clears
    urgency: str | None = None
    epidemic: bool | None = None
    callback_number: str | None = None  # "" clears
    caller_name: str | None = None
    caller_confidential: bool | None = None
    missing_info: tuple[str, ...] | None = None  # replaces the marks; () clears
    duplicate_candidates: tuple[int, ...] | None = None


@dataclass(frozen=True)
class _Units(Command):
    """Lead unit and assisting units of a dispatch or a reassignment."""

    lead_unit: str = ""
    assisting_units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reply(Command):
    name = CommandName.REPLY
    text: str = ""


@dataclass(frozen=True)
class RecordSatisfaction(Command):
    name = CommandName.RECORD_SATISFACTION
    result: str = ""  # a ticketing.model.Satisfaction value
    note: str = ""


@dataclass(frozen=True)
class Report(Command):
    name = CommandName.REPORT
    upstream_ref: str | None = None


@dataclass(frozen=True)
class Merge(Command):
    name = CommandName.MERGE
    into_ticket_id: int = 0


Claim = _command("Claim", CommandName.CLAIM)
Correct = _command("Correct", CommandName.CORRECT, _TicketFields)
Register = _command("Register", CommandName.REGISTER, _TicketFields)
Dispatch = _command("Dispatch", CommandName.DISPATCH, _Units)
Reassign = _command("Reassign", CommandName.REASSIGN, _Units)
Accept = _command("Accept", CommandName.ACCEPT)
Return = _command("Return", CommandName.RETURN)
Review = _command("Review", CommandName.REVIEW)
SendBack = _command("SendBack", CommandName.SEND_BACK)
Supervise = _command("Supervise", CommandName.SUPERVISE)
StartFollowUp = _command("StartFollowUp", CommandName.START_FOLLOW_UP)
Reopen = _command("Reopen", CommandName.REOPEN)
Close = _command("Close", CommandName.CLOSE)
MarkInvalid = _command("MarkInvalid", CommandName.MARK_INVALID)
Restore = _command("Restore", CommandName.RESTORE)


@dataclass(frozen=True)
class AttachTranscript(Command):
    name = CommandName.ATTACH_TRANSCRIPT
    text: str = ""
    words: tuple[TranscriptWord, ...] = ()
    # The recogniser's output of a long call is kept whole; no person typed it.
    limits: ClassVar[dict[str, int]] = {"text": 1_000_000}

    def __post_init__(self) -> None:
        _check_value("text", self.text, self.limits["text"])

    def details(self) -> dict[str, Any]:
        # The words live on the ticket; the history only notes what arrived.
        return {"words": len(self.words), "chars": len(self.text)}


@dataclass(frozen=True)
class AutoDispatch(Dispatch):
    """Dispatch by the machine: the reason says why (confidence, basis); the centre may take
    it back for `take_back_minutes` after it (the window in force when it was dispatched)."""

    name = CommandName.AUTO_DISPATCH
    confidence: float = 0.0
    source: str = ""  # what decided the suggestion: rules, history, classifier
    take_back_minutes: int = 30


@dataclass(frozen=True)
class TakeBack(Command):
    name = CommandName.TAKE_BACK


COMMAND_TYPES: dict[CommandName, type[Command]] = {
    cls.name: cls
    for cls in (
        Claim,
        Correct,
        Register,
        Dispatch,
        Accept,
        Return,
        Reassign,
        Reply,
        Review,
        SendBack,
        Supervise,
        StartFollowUp,
        RecordSatisfaction,
        Reopen,
        Close,
        Report,
        Merge,
        MarkInvalid,
        Restore,
        AttachTranscript,
        AutoDispatch,
        TakeBack,
    )
}


def parse_command(name: str, data: dict[str, Any] | None = None) -> Command:
    """Build a command from plain data (JSON body, CLI options); bad data → InvalidInputError."""
    try:
        cls = COMMAND_TYPES[CommandName(name)]
    except ValueError:
        raise InvalidInputError(
            "unknown_command", f"未知操作：{name}", f"unknown command {name!r}"
        ) from None
    data = dict(data or {})
    known = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise InvalidInputError(
            "invalid_input",
            f"操作「{COMMAND_LABELS[cls.name]}」不接受字段：{', '.join(unknown)}",
            f"command {name!r} does not take {unknown}",
        )
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key == "words":
            value = tuple(
                w if isinstance(w, TranscriptWord) else TranscriptWord.from_dict(w) for w in value
            )
        elif isinstance(value, list):
            value = tuple(value)
        kwargs[key] = value
    try:
        return cls(**kwargs)
    except (TypeError, KeyError, ValueError) as exc:
        raise InvalidInputError(
            "invalid_input", f"操作数据有误：{exc}", f"bad data for {name!r}: {exc}"
        ) from None


__all__ = [
    "COMMAND_LABELS",
    "COMMAND_TYPES",
    "Accept",
    "AttachTranscript",
    "AutoDispatch",
    "Claim",
    "Close",
    "Command",
    "CommandName",
    "Correct",
    "Dispatch",
    "MarkInvalid",
    "Merge",
    "Reassign",
    "RecordSatisfaction",
    "Register",
    "Reopen",
    "Reply",
    "Report",
    "Restore",
    "Return",
    "Review",
    "SendBack",
    "StartFollowUp",
    "Supervise",
    "TakeBack",
    "parse_command",
]

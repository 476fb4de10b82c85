"""Parsing of query, path and form parameters: anything out of range is a 400 with a
Chinese message, never a 500 from the database or the date arithmetic behind it."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Annotated
from urllib.parse import unquote

from hotline.ticketing.web.errors import ApiError
from pydantic import Field

# Ids, versions, offsets: what a BIGINT column holds (SQLite and PostgreSQL alike).
MAX_DB_INT = 2**63 - 1
# Dates the deadline and period arithmetic can shift by days and time zones safely.
MIN_YEAR, MAX_YEAR = 1900, 2999
MAX_QUERY_CHARS = 200

# Out-of-range values (ids, page sizes, offsets) are refused before any SQL sees them.
DbInt = Annotated[int, Field(ge=-MAX_DB_INT, le=MAX_DB_INT)]


def int_param(raw: str, name: str, label: str = "编号") -> int:
    """A positive id from the URL path."""
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "invalid_input", f"{label}应为数字", f"bad {name}") from None
    if not 1 <= value <= MAX_DB_INT:
        raise ApiError(400, "invalid_input", f"{label}超出范围", f"{name} out of range")
    return value


def text_param(raw: str | None, name: str, label: str, limit: int = MAX_QUERY_CHARS) -> str:
    """A free-text query parameter, stripped; NUL and overlong values are refused."""
    value = (raw or "").strip()
    if "\x00" in value:
        raise ApiError(400, "invalid_input", f"{label}含有非法字符", f"NUL in {name}")
    if len(value) > limit:
        raise ApiError(
            400, "invalid_input", f"{label}过长，最多 {limit} 个字", f"{name} over {limit} chars"
        )
    return value


def check_day(value: date, name: str) -> date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ApiError(
            400,
            "invalid_input",
            f"日期超出范围（{MIN_YEAR}–{MAX_YEAR} 年）：{value.isoformat()}",
            f"{name} out of range",
        )
    return value


def day_param(raw: str | None, name: str) -> date | None:
    """A local date YYYY-MM-DD within the years the system can compute with."""
    if not raw:
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        raise ApiError(
            400, "invalid_input", f"日期格式应为 YYYY-MM-DD：{raw[:40]}", f"bad {name}"
        ) from None
    return check_day(value, name)


def check_time(value: datetime, name: str) -> datetime:
    check_day(value.date(), name)
    return value


def file_name_param(raw: str) -> str:
    """An uploaded file's name as stored and shown: no folders, no control characters."""
    # Browsers send raw UTF-8; aiohttp's client percent-encodes non-ASCII names.
    name = unquote(raw) if re.search(r"%[0-9A-Fa-f]{2}", raw) else raw
    if "\x00" in name:
        raise ApiError(400, "invalid_input", "文件名含有非法字符", "NUL in file name")
    name = Path(name.replace("\\", "/")).name
    name = re.sub(r"[\x00-\x1f\"<>|:*?]", "_", name).strip(". ") or "附件"
    return name[:200]

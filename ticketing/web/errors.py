"""Error responses: every failure of the API is JSON with a Chinese message; never a 500
for bad input.

Body: {"code": "...", "message": "<Chinese, shown to operators>", "detail": "<English>"}.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from hotline.ticketing.errors import DomainError
from pydantic import ValidationError

log = logging.getLogger(__name__)

# Messages for HTTP-level failures aiohttp raises itself.
_HTTP_MESSAGES_ZH: dict[int, tuple[str, str]] = {
    400: ("bad_request", "请求格式有误"),
    401: ("unauthenticated", "登录已过期，请重新登录"),
    403: ("forbidden", "您无权执行此操作"),
    404: ("not_found", "请求的资源不存在"),
    405: ("method_not_allowed", "不支持该请求方法"),
    413: ("body_too_large", "提交的内容过大，超过系统限制"),
    415: ("unsupported_media_type", "不支持的内容类型"),
    429: ("too_many_requests", "尝试次数过多，请稍后再试"),
}


def error_response(
    status: int, code: str, message_zh: str, detail: str = "", **extra: Any
) -> web.Response:
    body = {"code": code, "message": message_zh, "detail": detail, **extra}
    return web.json_response(body, status=status, dumps=_dumps)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


class ApiError(web.HTTPException):
    """Raised by handlers for a JSON error with a Chinese message."""

    def __init__(self, status: int, code: str, message_zh: str, detail: str = "") -> None:
        self.status_code = status
        super().__init__(
            text=_dumps({"code": code, "message": message_zh, "detail": detail}),
            content_type="application/json",
        )


# Well-formed requests that name something the catalogue does not have.
UNPROCESSABLE_CODES = frozenset({"unknown_unit", "unknown_area", "unknown_category"})


def domain_error_response(exc: DomainError) -> web.Response:
    status = 422 if exc.code in UNPROCESSABLE_CODES else exc.http_status
    return error_response(status, exc.code, exc.message_zh, exc.message_en)


_FIELD_NAMES_ZH: dict[str, str] = {
    "lead_unit": "主办单位",
    "assisting_units": "协办单位",
    "version": "版本号",
    "text": "内容",
    "reason": "原因",
    "password": "密码",
    "username": "用户名",
    "ticket_id": "工单编号",
    "attachment_id": "附件编号",
    "limit": "条数",
    "offset": "起始位置",
    "summary": "摘要",
    "caller_name": "来电人姓名",
    "location_text": "地点",
    "name": "用户名",
    "role": "角色",
    "unit_id": "单位",
    "display_name": "显示名称",
}


def validation_error_response(exc: ValidationError, context: str) -> web.Response:
    errors = exc.errors(include_url=False, include_context=False, include_input=False)
    fields = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p != "__root__"]
        if loc:
            fields.append(_FIELD_NAMES_ZH.get(loc[0], loc[0]))
    where = f"：{'、'.join(dict.fromkeys(fields))}" if fields else ""
    detail = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in errors
    )
    return error_response(
        400,
        "invalid_input",
        f"提交的数据不符合要求{where}",
        f"{context}: {detail}",
        errors=[{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in errors],
    )


@web.middleware
async def error_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    is_api = request.path.startswith("/api/")
    try:
        return await handler(request)
    except DomainError as exc:
        return domain_error_response(exc)
    except web.HTTPException as exc:
        if (
            exc.status < 400
            or not is_api
            or exc.content_type == "application/json"
            and (exc.text or "").startswith('{"code"')
        ):
            raise
        if exc.status == 400 and exc.text and "Malformed JSON" in exc.text:
            return error_response(400, "invalid_json", "请求内容不是有效的 JSON", exc.text)
        if exc.status == 400 and exc.text and exc.text.startswith("[{"):
            # aiohttp-pydantic's own body checks (e.g. a list where an object belongs).
            return error_response(400, "invalid_input", "提交的数据不符合要求", exc.text)
        code, message = _HTTP_MESSAGES_ZH.get(exc.status, ("http_error", "请求失败"))
        return error_response(exc.status, code, message, exc.reason)
    except ValidationError as exc:
        return validation_error_response(exc, "body")
    except HttpProcessingError as exc:
        # aiohttp's parsers reading the body late (multipart part headers with a NUL...).
        if not is_api:
            raise
        status = exc.code if 400 <= exc.code < 500 else 400
        code, message = _HTTP_MESSAGES_ZH.get(status, _HTTP_MESSAGES_ZH[400])
        return error_response(status, code, message, f"{type(exc).__name__}: {exc.message}")
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        if is_api:
            return error_response(500, "internal_error", "系统内部错误，请联系管理员")
        raise

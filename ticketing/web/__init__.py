"""Operator console, unit portal, lead dashboard and REST API (aiohttp)."""

from hotline.ticketing.web.context import WEB_CONTEXT, NavEntry, WebContext, WebExtension
from hotline.ticketing.web.events import EventHub, TicketEvent

__all__ = ["WEB_CONTEXT", "EventHub", "NavEntry", "TicketEvent", "WebContext", "WebExtension"]

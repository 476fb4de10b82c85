// Shared helpers: API calls with CSRF, login redirect on 401, labels, deadline clocks.
"use strict";
const HL = (() => {
  let csrf = null;
  let me = null;
  const LABELS = {
    state: { draft: "草稿", registered: "已登记", dispatched: "已派单", accepted: "办理中",
      returned: "已退单", replied: "已答复", reviewed: "已审核", follow_up: "回访中",
      closed: "已办结", reported: "已上报", merged: "已并单", invalid: "无效" },
    clock: { ok: "正常", due_soon: "即将超时", overdue: "已超时", met: "按时完成", missed: "超时完成" },
    role: { operator: "督办员", lead: "中心负责人", liaison: "承办单位联络员", admin: "系统管理员" },
    satisfaction: { satisfied: "满意", basically_satisfied: "基本满意", dissatisfied: "不满意",
      no_answer: "未接通", no_number: "无联系电话", declined: "拒绝回访" },
  };
  let catalog = null;

  // Reached on a 401 from a page that was logged in: the session ended.
  function loginUrl() {
    return "/login?expired=1&next=" + encodeURIComponent(location.pathname + location.hash);
  }

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.message) || ("请求失败（" + status + "）"));
      this.status = status; this.body = body || {};
    }
  }

  async function api(method, path, body, opts = {}) {
    const headers = { "Accept": "application/json" };
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) { headers["Content-Type"] = "application/json"; payload = JSON.stringify(body); }
    if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
    const resp = await fetch("/api/v1" + path, { method, headers, body: payload, credentials: "same-origin" });
    let data = null;
    const type = resp.headers.get("Content-Type") || "";
    if (type.includes("application/json")) data = await resp.json();
    if (resp.status === 401 && !opts.noRedirect) {
      location.href = loginUrl();
      throw new ApiError(401, data);
    }
    if (!resp.ok) throw new ApiError(resp.status, data);
    return data;
  }

  async function init(allowedRoles) {
    const s = await api("GET", "/session");
    csrf = s.csrf_token; me = s.user;
    if (allowedRoles && !allowedRoles.includes(me.role)) {
      location.href = me.role === "liaison" ? "/portal" : "/console";
      throw new Error("wrong page for role");
    }
    const who = document.getElementById("who");
    if (who) who.textContent = (me.display_name || me.name) + "（" + (LABELS.role[me.role] || me.role) +
      (me.unit_name ? "·" + me.unit_name : "") + "）";
    const out = document.getElementById("logout");
    if (out) out.onclick = async () => { await api("POST", "/session/logout", {}); location.href = "/login"; };
    catalog = await api("GET", "/catalog");
    return me;
  }

  function unitName(id) {
    if (!id) return "";
    const u = catalog && catalog.units.find(x => x.id === id);
    return u ? u.name : id;
  }
  function areaName(id) {
    if (!id) return "";
    const a = catalog && catalog.areas.find(x => x.id === id);
    return a ? a.name : id;
  }
  function typeName(id) {
    if (!id) return "";
    const c = catalog && catalog.categories.find(x => x.id === id);
    return c ? c.name : id;
  }

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }
  // Times in the catalogue's time zone (the centre's), whatever the browser's zone is.
  let timeFormat = null;
  function fmtTime(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    if (isNaN(d)) return String(iso);
    if (!timeFormat) {
      const opts = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
      try { timeFormat = new Intl.DateTimeFormat("en-CA", Object.assign({ timeZone: (catalog && catalog.timezone) || "Asia/Shanghai" }, opts)); }
      catch (e) { timeFormat = new Intl.DateTimeFormat("en-CA", opts); }
    }
    const p = Object.fromEntries(timeFormat.formatToParts(d).map(x => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  }
  // A day (YYYY-MM-DD) as the centre counts it: the catalogue's zone, not the browser's or UTC.
  function fmtDay(d) {
    const opts = { year: "numeric", month: "2-digit", day: "2-digit" };
    let f;
    try { f = new Intl.DateTimeFormat("en-CA", Object.assign({ timeZone: (catalog && catalog.timezone) || "Asia/Shanghai" }, opts)); }
    catch (e) { f = new Intl.DateTimeFormat("en-CA", opts); }
    const p = Object.fromEntries(f.formatToParts(d).map(x => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}`;
  }
  function fmtLeft(ms) {
    const neg = ms < 0; ms = Math.abs(ms);
    const m = Math.floor(ms / 60000), h = Math.floor(m / 60), d = Math.floor(h / 24);
    const s = d ? `${d}天${h % 24}小时` : h ? `${h}小时${m % 60}分` : `${m}分${Math.floor(ms / 1000) % 60}秒`;
    return neg ? "超时 " + s : "剩余 " + s;
  }
  // A deadline badge that counts down and changes colour: ok → due_soon → overdue.
  function clockHtml(c) {
    if (!c) return "";
    return `<span class="clock ${c.status}" data-start="${esc(c.start)}" data-due="${esc(c.due)}"` +
      ` data-done="${esc(c.done_at || "")}" data-warn="${c.warn_fraction}" title="${esc(c.label)}">` +
      `${esc(c.label)} ${esc(LABELS.clock[c.status])}</span>`;
  }
  function tickClocks() {
    const now = Date.now();
    document.querySelectorAll(".clock[data-due]").forEach(el => {
      if (el.dataset.done) return;
      const start = Date.parse(el.dataset.start), due = Date.parse(el.dataset.due);
      const warn = parseFloat(el.dataset.warn || "0.75");
      const st = now > due ? "overdue" : now >= start + (due - start) * warn ? "due_soon" : "ok";
      el.className = "clock " + st;
      el.textContent = el.title + " " + fmtLeft(due - now);
    });
  }
  setInterval(tickClocks, 1000);

  function showMsg(el, text, kind = "error") {
    el.innerHTML = `<div class="msg ${kind}" role="${kind === "error" ? "alert" : "status"}">${esc(text)}</div>`;
  }

  // Live events (SSE); `onEvent` gets parsed TicketEvent objects.
  function live(onEvent, statusEl) {
    const es = new EventSource("/api/v1/events");
    const show = (text, state) => {
      if (!statusEl) return;
      statusEl.textContent = text; statusEl.className = "live" + (state ? " " + state : "");
      statusEl.title = state ? "实时更新已断开，列表可能不是最新的" : "实时更新已连接";
    };
    es.onopen = () => show("● 实时", "");
    es.onerror = () => show("● 连接中断，正在重连", "off");
    es.addEventListener("ticket", e => onEvent(JSON.parse(e.data)));
    return es;
  }

  return { api, init, esc, fmtTime, fmtDay, clockHtml, tickClocks, showMsg, live, unitName, areaName,
    typeName, LABELS, get me() { return me; }, get catalog() { return catalog; }, ApiError };
})();

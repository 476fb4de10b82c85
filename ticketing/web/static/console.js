// Operator console (督办台): live queue, lists, search, ticket page.
"use strict";
(() => {
  const { api, esc, fmtTime, clockHtml, tickClocks, showMsg, LABELS } = HL;
  const view = document.getElementById("view");
  // Other parts (e.g. 回访) add panels: HL.panels[name] = async (viewEl) => {...}
  HL.panels = HL.panels || {};
  let current = { name: null, id: null };
  let seen = new Set();

  const LISTS = {
    queue: { title: "工单队列（待处理）", query: "view=queue" },
    mine: { title: "我的工单（本人督办单位及认领的工单）", query: "view=mine" },
    overdue: { title: "超时工单", query: "view=overdue" },
  };

  function rowHtml(t, fresh) {
    const clock = t.clocks.close || t.clocks.dispatch;
    return `<tr class="row${fresh ? " fresh" : ""}" data-id="${t.id}">
      <td>${t.id}</td>
      <td><span class="badge state-${t.state}">${esc(LABELS.state[t.state] || t.state)}</span></td>
      <td>${esc(fmtTime(t.received_at))}</td>
      <td>${esc(t.caller_number_masked || "无号码")}</td>
      <td class="excerpt">${esc((t.summary || t.text || "").slice(0, 60)) || '<span class="hint">（转写中）</span>'}</td>
      <td>${esc(HL.typeName(t.request_type))}</td>
      <td>${esc(HL.unitName(t.lead_unit))}</td>
      <td>${clockHtml(clock)}</td></tr>`;
  }

  function tableHtml(items, freshIds) {
    if (!items.length) return '<div class="empty">暂无工单</div>';
    return `<table class="list" id="ticket-list"><thead><tr><th>编号</th><th>状态</th><th>受理时间</th>
      <th>来电号码</th><th>内容</th><th>类型</th><th>主办单位</th><th>时限</th></tr></thead>
      <tbody>${items.map(t => rowHtml(t, freshIds.has(t.id))).join("")}</tbody></table>`;
  }

  function bindRows() {
    view.querySelectorAll("tr.row").forEach(tr => tr.onclick = () => { location.hash = "#/ticket/" + tr.dataset.id; });
  }

  async function showList(name) {
    const spec = LISTS[name];
    const data = await api("GET", "/tickets?" + spec.query + "&limit=200");
    const fresh = new Set(data.items.filter(t => seen.size && !seen.has(t.id)).map(t => t.id));
    data.items.forEach(t => seen.add(t.id));
    if (current.name !== name) return;
    view.innerHTML = `<div class="card"><h2>${esc(spec.title)} <span class="hint">共 ${data.total}${data.total_capped ? "+" : ""} 件</span></h2>
      ${tableHtml(data.items, fresh)}</div>`;
    bindRows(); tickClocks();
  }

  function showSearch() {
    const units = HL.catalog.units.map(u => `<option value="${esc(u.id)}">${esc(u.name)}</option>`).join("");
    const states = Object.entries(LABELS.state).map(([k, v]) => `<option value="${k}">${esc(v)}</option>`).join("");
    view.innerHTML = `<div class="card"><h2>工单查询</h2>
      <form id="search-form" class="row-form">
        <label>来电号码<input name="number" placeholder="完整或部分号码"></label>
        <label>内容关键词<input name="q"></label>
        <label>开始日期<input type="date" name="date_from"></label>
        <label>结束日期<input type="date" name="date_to"></label>
        <label>单位<select name="unit"><option value="">全部</option>${units}</select></label>
        <label>状态<select name="state"><option value="">全部</option>${states}</select></label>
        <button class="primary" type="submit">查询</button>
      </form><div id="search-msg"></div></div><div class="card" id="search-results"></div>`;
    document.getElementById("search-form").onsubmit = async (ev) => {
      ev.preventDefault();
      const fd = new FormData(ev.target);
      const qs = new URLSearchParams();
      for (const [k, v] of fd.entries()) if (v) qs.set(k, v);
      qs.set("limit", "200");
      try {
        const data = await api("GET", "/tickets?" + qs.toString());
        document.getElementById("search-results").innerHTML =
          `<h2>查询结果 <span class="hint">共 ${data.total}${data.total_capped ? "+" : ""} 件</span></h2>` + tableHtml(data.items, new Set());
        bindRows(); tickClocks();
      } catch (e) { showMsg(document.getElementById("search-msg"), e.message); }
    };
  }

  function showNew() {
    view.innerHTML = `<div class="card"><h2>新建工单（来访、信件等其他渠道）</h2>
      <form id="new-form">
        <label>来电/联系号码<input name="caller_number"></label>
        <label>姓名<input name="caller_name"></label>
        <label>渠道<select name="channel"><option value="walk_in">来访</option><option value="online">网络渠道</option>
          <option value="platform">8890平台转办</option><option value="other">其他</option></select></label>
        <label style="display:flex">诉求内容<textarea name="text" required></textarea></label>
        <button class="primary" type="submit">创建草稿</button></form><div id="new-msg"></div></div>`;
    document.getElementById("new-form").onsubmit = async (ev) => {
      ev.preventDefault();
      const fd = new FormData(ev.target);
      const body = Object.fromEntries(fd.entries());
      try {
        const t = await api("POST", "/tickets", body);
        location.hash = "#/ticket/" + t.id;
      } catch (e) { showMsg(document.getElementById("new-msg"), e.message); }
    };
  }

  // --- ticket page ------------------------------------------------------------------------
  function options(list, selected, empty) {
    return (empty ? `<option value="">${esc(empty)}</option>` : "") +
      list.map(x => `<option value="${esc(x.id)}"${x.id === selected ? " selected" : ""}${typeTitle(x)}>${esc(x.name)}</option>`).join("");
  }

  // A request type's definition and examples (from the catalogue) as the option's tooltip.
  function typeTitle(x) {
    if (!x.description) return "";
    const eg = x.examples && x.examples.length ? "\n例：" + x.examples.join("；") : "";
    return ` title="${esc(x.description + eg)}"`;
  }

  function suggestionHtml(s) {
    if (!s || !Object.keys(s).length) return '<div class="suggest" id="suggestion">暂无派单建议</div>';
    const parts = [];
    if (s.lead_unit) parts.push(`建议主办：<b>${esc(HL.unitName(s.lead_unit))}</b>`);
    if (s.assisting_units && s.assisting_units.length) parts.push("建议协办：" + s.assisting_units.map(u => esc(HL.unitName(u))).join("、"));
    if (s.request_type) parts.push("类型：" + esc(HL.typeName(s.request_type)));
    if (s.area_id) parts.push("区域：" + esc(HL.areaName(s.area_id)));
    if (s.epidemic) parts.push("涉疫");
    if (s.callback_number) parts.push("回拨号码：" + esc(s.callback_number));
    const why = Array.isArray(s.explanation) ? s.explanation : s.explanation ? [s.explanation] : [];
    const reasons = Array.isArray(s.reasons) ? s.reasons : [];
    const lines = why.concat(reasons).map(x => `<li>${esc(typeof x === "string" ? x : JSON.stringify(x))}</li>`).join("");
    // The runners-up as one-click choices: a wrong lead is usually one of them.
    const alts = (s.alternatives || []).filter(a => a && a.department && a.department !== s.lead_unit).slice(0, 3)
      .map(a => `<button type="button" class="alt-unit" data-unit="${esc(a.department)}">${esc(HL.unitName(a.department))}</button>`).join(" ");
    return `<div class="suggest" id="suggestion"><div id="suggestion-text">${parts.join("；") || "未匹配到承办单位"}</div>
      ${alts ? `<div class="alternatives"><span class="hint">改选主办：</span>${alts}</div>` : ""}
      ${lines ? `<div class="hint">依据：</div><ul class="hint">${lines}</ul>` : ""}
      ${s.auto_dispatch && !s.auto_dispatch.dispatch ? `<div class="hint" id="auto-note">未自动派单：${esc(s.auto_dispatch.reason)}</div>` : ""}
      <button type="button" id="apply-suggestion">采用建议</button></div>`;
  }

  // Caller name, callback number (the number the text dictates: one click fills it) and 保密.
  function callerFieldsHtml(t) {
    return `<div class="row-form caller-fields">
      <label>来电人姓名<input name="caller_name" id="caller-name" form="edit-form" maxlength="100" value="${esc(t.caller_name)}"></label>
      <label>回拨号码<input name="callback_number" id="callback-number" form="edit-form" maxlength="40" inputmode="tel"
        placeholder="${esc(t.callback_number_masked || "未留")}"></label>
      <span id="callback-fill">${fillButtonHtml(t.routing_suggestion, t.callback_number_masked)}</span>
      <label style="flex-direction:row;align-items:center"><input type="checkbox" name="caller_confidential" id="caller-confidential"
        form="edit-form"${t.caller_confidential ? " checked" : ""}> 要求保密</label></div>`;
  }

  function fillButtonHtml(s, current) {
    const n = s && s.callback_number;
    if (!n) return "";
    const masked = n.length > 7 ? n.slice(0, 3) + "****" + n.slice(-4) : n;
    if (masked === current) return '<span class="hint">已采用转写中的号码</span>';
    return `<button type="button" id="fill-callback" data-number="${esc(n)}">填入 ${esc(n)}</button>`;
  }

  async function showTicket(id) {
    const t = await api("GET", "/tickets/" + id);
    if (current.id !== id) return;
    renderTicket(t);
  }

  function renderTicket(t) {
    const can = new Set(t.allowed_commands);
    const c = HL.catalog;
    const words = t.transcript_words || [];
    const transcript = words.length
      ? words.map((w, i) => `<span class="w${w.conf < t.low_confidence ? " low" : ""}" data-i="${i}" data-start="${w.start}" title="置信度 ${(w.conf * 100).toFixed(0)}%">${esc(w.word)}</span>`).join(" ")
      : `<span class="hint">${t.transcription_pending ? "录音正在转写，完成后自动显示" : esc(t.machine_text || "无转写文本")}</span>`;
    const missing = Object.entries(t.missing_info_labels).map(([k, v]) =>
      `<label style="flex-direction:row;align-items:center"><input type="checkbox" name="missing" value="${k}"${t.missing_info.includes(k) ? " checked" : ""}> ${esc(v)}</label>`).join("");
    const atCentre = can.has("correct") || can.has("register");
    const routing = can.has("dispatch") || can.has("reassign") || can.has("merge");
    // Until the operator decides, the routing suggestion fills the empty choices.
    const sug = t.routing_suggestion || {};
    const leadChoice = t.lead_unit || sug.lead_unit || "";
    const typeChoice = t.request_type || sug.request_type || "";
    const areaChoice = t.area_id || sug.area_id || "";
    const history = t.history.map(h => `<li>${esc(fmtTime(h.at))} ${esc(h.actor)}：${esc(h.command_label)}` +
      `${h.to_state ? "（→" + esc(LABELS.state[h.to_state] || h.to_state) + "）" : ""}${h.reason ? "，原因：" + esc(h.reason) : ""}</li>`).join("");
    const attachments = (t.attachments || []).map(a => `<li><a href="${esc(a.url)}" target="_blank">${esc(a.name)}</a> <span class="hint">${a.size < 1024 ? a.size + " 字节" : (a.size / 1024).toFixed(1) + " KB"}</span></li>`).join("");
    view.innerHTML = `
      <div class="card"><h2>工单 ${t.id} <span class="badge state-${t.state}" id="ticket-state">${esc(LABELS.state[t.state])}</span>
        ${clockHtml(t.clocks.dispatch)} ${clockHtml(t.clocks.close)}
        <span class="hint">受理：${esc(fmtTime(t.received_at))} · 渠道：${esc(t.channel_label)} · 版本 ${t.version}${t.claimed_by ? " · 认领人：" + esc(t.claimed_by) : ""}</span></h2>
        <div id="ticket-msg"></div></div>
      <div class="grid2">
       <div>
        <div class="card"><h2>录音与转写</h2>
          ${t.recording_url ? `<audio id="player" controls preload="metadata" src="${esc(t.recording_url)}" style="width:100%"></audio>` : '<p class="hint">无录音</p>'}
          <div class="transcript" id="transcript">${transcript}</div>
          <p class="hint">点击词语可跳转到录音对应位置；黄色标记为识别置信度低的词语。</p>
          ${qualityHtml(t.call_quality)}</div>
        <div class="card"><h2>工单内容</h2>
          <form id="edit-form">
          <label style="display:flex">诉求内容（校对后的文本）<textarea name="corrected_text" id="corrected-text" ${atCentre ? "" : "disabled"}>${esc(t.text)}</textarea></label>
          <label style="display:flex">摘要<input name="summary" value="${esc(t.summary)}" ${atCentre ? "" : "disabled"}></label>
          <div class="row-form">
            <label>诉求类型<select name="request_type" id="request-type" ${atCentre ? "" : "disabled"}>${options(c.categories, typeChoice, "请选择")}</select></label>
            <label>区域<select name="area_id" id="area" ${atCentre ? "" : "disabled"}>${options(c.areas, areaChoice, "未指定")}</select></label>
            <label>地点<input name="location_text" value="${esc(t.location_text)}" ${atCentre ? "" : "disabled"}></label>
            <label>紧急程度<select name="urgency" ${atCentre ? "" : "disabled"}><option value="normal">一般</option><option value="urgent"${t.urgency === "urgent" ? " selected" : ""}>紧急</option></select></label>
            <label style="flex-direction:row;align-items:center"><input type="checkbox" name="epidemic"${t.epidemic ? " checked" : ""} ${atCentre ? "" : "disabled"}> 涉疫</label>
          </div>
          <div class="row-form"><span class="hint">缺失信息：</span>${missing}</div>
          </form>
          <div class="actions">
            ${commandButtons(can, [["claim", "认领"], ["correct", "保存修改"], ["register", "登记", "primary"],
              ["mark_invalid", "标记无效", "warn"], ["restore", "恢复"]])}
          </div></div>
        ${routing ? `<div class="card"><h2>派单</h2>
          ${suggestionHtml(t.routing_suggestion)}
          <div class="row-form" style="margin-top:8px">
            <label>主办单位<select id="lead-unit">${options(c.units, leadChoice, "请选择主办单位")}</select></label>
            <label>协办单位（可多选）<select id="assisting-units" multiple size="4">${c.units.map(u => `<option value="${esc(u.id)}"${t.assisting_units.includes(u.id) ? " selected" : ""}>${esc(u.name)}</option>`).join("")}</select></label>
          </div>
          <div class="actions">
            ${can.has("dispatch") ? '<button type="button" class="primary" data-cmd="dispatch" id="dispatch-button">派单</button>' : ""}
            ${can.has("register") ? '<button type="button" class="primary" id="confirm-dispatch" title="登记并派给所选主办单位">确认派单</button>' : ""}
            ${can.has("reassign") ? '<button type="button" data-cmd="reassign">改派</button>' : ""}
          </div>
          ${can.has("merge") ? `<div class="row-form" style="margin-top:8px"><label>并入工单编号<input id="merge-into" type="number" min="1"
             value="${t.duplicate_candidates[0] || ""}"></label><button type="button" data-cmd="merge">并单</button>
             <span class="hint" id="duplicates">${duplicatesHtml(t.duplicate_candidates)}</span></div>` : ""}
        </div>` : ""}
       </div>
       <div>
        <div class="card"><h2>来电人</h2>
          <p>号码：<span id="caller-number">${esc(t.caller_number_masked || "无号码")}</span>
            ${t.has_caller_number && t.can_reveal_number ? '<button type="button" id="reveal">显示完整号码</button>' : ""}</p>
          ${atCentre ? callerFieldsHtml(t) : `<p>姓名：${esc(t.caller_name || "未留")}${t.caller_confidential ? ' <span class="badge">要求保密</span>' : ""}</p>
          ${t.callback_number_masked ? `<p>回拨号码：${esc(t.callback_number_masked)}</p>` : ""}`}
          ${t.forwarded_from ? `<p>转接号码：<span id="forwarded-from">${esc(t.forwarded_from)}</span></p>` : ""}</div>
        <div class="card"><h2>办理</h2>
          <p>主办：${esc(HL.unitName(t.lead_unit) || "未派单")}${t.auto_dispatched && t.lead_unit ? ' <span class="badge" id="auto-badge">自动派单</span>' : ""}${t.assisting_units.length ? "；协办：" + t.assisting_units.map(u => esc(HL.unitName(u))).join("、") : ""}</p>
          ${t.reply_text ? `<p><b>单位答复：</b><span id="reply-text">${esc(t.reply_text)}</span></p>` : ""}
          ${attachments ? `<ul>${attachments}</ul>` : ""}
          ${t.satisfaction ? `<p>回访结果：${esc(LABELS.satisfaction[t.satisfaction] || t.satisfaction)}</p>` : ""}
          <label style="display:flex">原因 / 督办意见<input id="reason" placeholder="退回、督办、无效等操作须填写原因"></label>
          <div class="actions">
            ${t.take_back_until ? `<button type="button" class="warn" data-cmd="take-back" id="take-back" title="自动派单可在 ${esc(fmtTime(t.take_back_until))} 前收回到待处理队列">收回</button>` : ""}
            ${commandButtons(can, [["supervise", "督办"], ["review", "审核通过", "primary"],
              ["send_back", "审核退回", "warn"], ["close", "办结", "primary"], ["report", "上报"],
              ["reopen", "重新办理", "warn"]])}
          </div></div>
        <div class="card"><h2>处理记录</h2><ol class="history">${history}</ol></div>
       </div>
      </div>`;
    bindTicket(t);
    tickClocks();
  }

  // One button per command the ticket allows now: [command, label, class?] in page order.
  function commandButtons(can, commands) {
    return commands.filter(([cmd]) => can.has(cmd)).map(([cmd, label, cls]) =>
      `<button type="button"${cls ? ` class="${cls}"` : ""} data-cmd="${cmd}">${label}</button>`).join("\n");
  }

  // The caller's audio at hang-up; 音质差 when below MOS 3 (the transcript may be unreliable).
  function qualityHtml(q) {
    if (!q) return "";
    const rtt = q.rtt_ms === null || q.rtt_ms === undefined ? "未知" : q.rtt_ms + " 毫秒";
    return `<div id="call-quality" class="call-quality"><b>通话质量</b>
      ${q.poor ? '<span class="badge warn" id="poor-audio" title="音质差，转写可能不准确，请对照录音校对">音质差</span>' : ""}
      <span>丢包 <span data-q="loss">${esc(q.loss_percent)}%</span></span> ·
      <span>抖动 <span data-q="jitter">${esc(q.jitter_ms)} 毫秒</span></span> ·
      <span>往返时延 <span data-q="rtt">${esc(rtt)}</span></span> ·
      <span>MOS <span data-q="mos">${esc(q.mos)}</span></span></div>`;
  }

  function duplicatesHtml(ids) {
    return ids.length ? "疑似重复：" + ids.map(d => `<a href="#/ticket/${d}">#${d}</a>`).join(" ") : "";
  }

  // Fields routing derives from the text are sent only when the operator changed them:
  // what is sent is pinned (kept when the text is re-routed); the rest follows the text.
  const DERIVED = ["request_type", "area_id", "epidemic", "callback_number"];

  function fieldValues(t) {
    const f = document.getElementById("edit-form");
    const out = {
      corrected_text: f.corrected_text.value, summary: f.summary.value,
      location_text: f.location_text.value, urgency: f.urgency.value,
      missing_info: [...f.querySelectorAll('input[name="missing"]:checked')].map(x => x.value),
    };
    const name = document.getElementById("caller-name");
    if (name) out.caller_name = name.value;
    const secret = document.getElementById("caller-confidential");
    if (secret) out.caller_confidential = secret.checked;
    for (const key of DERIVED) {
      const el = f.elements[key];
      if (!el || !el.dataset.dirty) continue;
      out[key] = el.type === "checkbox" ? el.checked : el.value || (key === "request_type" ? null : "");
    }
    // A type shown from the suggestion but not yet on the ticket is confirmed by saving.
    if (!("request_type" in out) && !t.request_type && f.request_type.value) out.request_type = f.request_type.value;
    if (out.request_type === null) delete out.request_type;
    return out;
  }

  // Live routing while the operator corrects the text (debounced; nothing is stored).
  function bindPreview(t) {
    const text = document.getElementById("corrected-text");
    if (!text || text.disabled) return;
    let timer = null, asked = 0;
    text.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const mine = ++asked;
        try {
          const p = await api("POST", `/tickets/${t.id}/route-preview`, { text: text.value });
          if (mine === asked && current.id === t.id) showPreview(t, p);
        } catch (e) { /* the saved routing stays on screen */ }
      }, 400);
    });
  }

  function showPreview(t, p) {
    t.routing_suggestion = p.routing_suggestion;
    const box = document.getElementById("suggestion");
    if (box) { box.outerHTML = suggestionHtml(p.routing_suggestion); bindApply(t); }
    const f = document.getElementById("edit-form");
    const set = (key, value) => {
      const el = f.elements[key];
      if (!el || el.dataset.dirty || p.manual_fields.includes(key)) return;
      if (el.type === "checkbox") el.checked = !!value; else el.value = value || "";
    };
    set("request_type", p.request_type || p.routing_suggestion.request_type);
    set("area_id", p.area_id);
    set("epidemic", p.epidemic);
    const lead = document.getElementById("lead-unit");
    if (lead && !lead.dataset.dirty && p.routing_suggestion.lead_unit) lead.value = p.routing_suggestion.lead_unit;
    const fill = document.getElementById("callback-fill");
    if (fill) { fill.innerHTML = fillButtonHtml(p.routing_suggestion, t.callback_number_masked); bindFill(); }
    const dups = document.getElementById("duplicates");
    if (dups) dups.innerHTML = duplicatesHtml(p.duplicate_candidates);
    const merge = document.getElementById("merge-into");
    if (merge && !merge.dataset.dirty) merge.value = p.duplicate_candidates[0] || "";
  }

  function bindFill() {
    const fill = document.getElementById("fill-callback");
    if (fill) fill.onclick = () => {
      const input = document.getElementById("callback-number");
      input.value = fill.dataset.number;
      input.dataset.dirty = "1";
    };
  }

  function bindApply(t) {
    document.querySelectorAll("#suggestion .alt-unit").forEach(b => b.onclick = () => {
      const lead = document.getElementById("lead-unit");
      if (lead) { lead.value = b.dataset.unit; lead.dataset.dirty = "1"; }
    });
    const apply = document.getElementById("apply-suggestion");
    if (apply) apply.onclick = () => {
      const s = t.routing_suggestion;
      const pick = (id, value) => { const el = document.getElementById(id); if (el && value) { el.value = value; el.dataset.dirty = "1"; } };
      pick("lead-unit", s.lead_unit);
      if (s.assisting_units) [...document.getElementById("assisting-units").options].forEach(o => o.selected = s.assisting_units.includes(o.value));
      pick("request-type", s.request_type);
      pick("area", s.area_id);
    };
  }

  // 确认派单: register (with the page's corrections) and dispatch to the chosen unit.
  async function confirmDispatch(t, button) {
    const msg = document.getElementById("ticket-msg");
    const lead = document.getElementById("lead-unit").value;
    if (!lead) { showMsg(msg, "请选择主办单位"); return; }
    button.disabled = true;
    try {
      const registered = await api("POST", `/tickets/${t.id}/register`, Object.assign({ version: t.version }, fieldValues(t)));
      const assisting = [...document.getElementById("assisting-units").selectedOptions].map(o => o.value).filter(u => u !== lead);
      const done = await api("POST", `/tickets/${t.id}/dispatch`, { version: registered.version, lead_unit: lead, assisting_units: assisting });
      renderTicket(done);
      showMsg(document.getElementById("ticket-msg"), "已登记并派单", "ok");
    } catch (e) {
      button.disabled = false;
      showMsg(msg, e.message);
      if (e.status === 409 || (e.body && e.body.code === "invalid_state")) showTicket(t.id).catch(() => {});
    }
  }

  function bindTicket(t) {
    const player = document.getElementById("player");
    document.querySelectorAll("#transcript .w").forEach(w => w.onclick = () => {
      if (!player) return;
      player.currentTime = parseFloat(w.dataset.start);
      player.play().catch(() => {});
      document.querySelectorAll("#transcript .w.playing").forEach(x => x.classList.remove("playing"));
      w.classList.add("playing");
    });
    bindApply(t);
    bindFill();
    bindPreview(t);
    // What the operator touches is theirs: pinned on save, not overwritten by the preview.
    document.querySelectorAll("#edit-form select, #edit-form input, [form=edit-form], #lead-unit, #merge-into").forEach(el =>
      el.addEventListener(el.tagName === "SELECT" || el.type === "checkbox" ? "change" : "input", () => { el.dataset.dirty = "1"; }));
    const confirm = document.getElementById("confirm-dispatch");
    if (confirm) confirm.onclick = () => confirmDispatch(t, confirm);
    const reveal = document.getElementById("reveal");
    if (reveal) reveal.onclick = async () => {
      try {
        const r = await api("GET", `/tickets/${t.id}/caller`);
        document.getElementById("caller-number").textContent = r.caller_number || "无号码";
        reveal.remove();
      } catch (e) { showMsg(document.getElementById("ticket-msg"), e.message); }
    };
    document.querySelectorAll("button[data-cmd]").forEach(b => b.onclick = () => runCommand(t, b.dataset.cmd, b));
  }

  async function runCommand(t, cmd, button) {
    const msg = document.getElementById("ticket-msg");
    const reason = (document.getElementById("reason") || {}).value || "";
    let body = { version: t.version };
    if (cmd === "correct" || cmd === "register") Object.assign(body, fieldValues(t));
    if (cmd === "dispatch" || cmd === "reassign") {
      body.lead_unit = document.getElementById("lead-unit").value;
      body.assisting_units = [...document.getElementById("assisting-units").selectedOptions].map(o => o.value).filter(u => u !== body.lead_unit);
    }
    if (cmd === "merge") body.into_ticket_id = parseInt(document.getElementById("merge-into").value || "0", 10);
    if (reason) body.reason = reason;
    button.disabled = true;
    try {
      const updated = await api("POST", `/tickets/${t.id}/${cmd}`, body);
      renderTicket(updated);
      showMsg(document.getElementById("ticket-msg"), "已" + button.textContent, "ok");
    } catch (e) {
      button.disabled = false;
      showMsg(msg, e.message);
    }
  }

  // --- routing between views --------------------------------------------------------------
  async function route() {
    const hash = location.hash || "#/queue";
    const parts = hash.slice(2).split("/");
    const name = parts[0] || "queue";
    current = { name, id: parts[1] ? parseInt(parts[1], 10) : null };
    document.querySelectorAll("#nav a").forEach(a => a.classList.toggle("active", a.dataset.view === name));
    try {
      if (LISTS[name]) await showList(name);
      else if (name === "search") showSearch();
      else if (name === "new") showNew();
      else if (name === "ticket" && current.id) await showTicket(current.id);
      else if (HL.panels[name]) await HL.panels[name](view);
      else { location.hash = "#/queue"; }
    } catch (e) {
      if (e.status !== 401) view.innerHTML = `<div class="msg error" role="alert">${esc(e.message)}</div>`;
    }
  }

  // Problems operators must know about (e.g. calls not being transcribed), from /healthz.
  async function showHealthBanners() {
    const box = document.getElementById("health-banners");
    try {
      const resp = await fetch("/healthz", { credentials: "same-origin" });
      const body = await resp.json();
      const banners = body.banners || [];
      box.innerHTML = banners.map(b => `<div class="msg error">${esc(b)}</div>`).join("");
      box.hidden = !banners.length;
    } catch (e) { /* the next poll tries again */ }
  }

  async function start() {
    const me = await HL.init(["operator", "lead", "admin"]);
    const nav = document.getElementById("nav");
    for (const item of (me.nav || [])) {
      const a = document.createElement("a");
      a.href = item.href; a.textContent = item.label; a.dataset.view = item.view || "";
      nav.appendChild(a);
    }
    for (const src of (me.console_scripts || [])) {
      await new Promise(res => { const s = document.createElement("script"); s.src = src; s.onload = res; s.onerror = res; document.body.appendChild(s); });
    }
    window.addEventListener("hashchange", route);
    HL.live(ev => {
      if (LISTS[current.name]) showList(current.name);
      else if (current.name === "ticket" && ev.ticket_id === current.id) {
        const msg = document.getElementById("ticket-msg");
        if (msg && !msg.textContent) showMsg(msg, "该工单有新的变化，刷新页面可查看最新内容", "ok");
      }
    }, document.getElementById("live"));
    showHealthBanners();
    setInterval(showHealthBanners, 30000);
    await route();
  }
  start();
})();

// 未接来电回拨 panel for the operator console (loaded through the missed-call WebExtension):
// calls in which the caller never spoke, each with its call-back deadline, and 已回拨.
"use strict";
(() => {
  const { api, esc, showMsg } = HL;
  HL.panels = HL.panels || {};
  if (!document.querySelector('link[href="/static/followup.css"]')) {  // tabs and badges
    const css = document.createElement("link");
    css.rel = "stylesheet"; css.href = "/static/followup.css";
    document.head.appendChild(css);
  }
  const TABS = [["pending", "待回拨"], ["overdue", "已超时"], ["called_back", "已回拨"],
    ["not_callable", "无来电号码"], ["all", "全部"]];
  let filter = "pending";
  const view = document.getElementById("view");

  function row(m) {
    const deadline = `<span class="badge ${m.overdue ? "mc-overdue" : "mc-ok"}">${esc(m.deadline_label)}</span>`;
    const done = m.called_back_local ? `${esc(m.called_back_local)} ${esc(m.called_back_by || "")}` : "";
    return `<tr class="mc-row" data-missed="${m.id}">
      <td>${esc(m.received_local)}</td><td>${esc(m.caller_masked || "无号码")}</td>
      <td class="hint">${esc(m.reason)}</td>
      <td>${esc(m.due_local)} ${deadline}</td>
      <td><span class="badge mc-${esc(m.state)}">${esc(m.state_label)}</span></td>
      <td>${done}${m.note ? `<div class="hint">${esc(m.note)}</div>` : ""}</td>
      <td class="mc-actions"><a href="#/ticket/${m.ticket_id}">来电记录 #${m.ticket_id}</a>
        ${m.can_call_back ? `<button type="button" class="primary" data-act="back" data-missed="${m.id}">已回拨</button>` : ""}</td></tr>`;
  }

  function statsLine(s) {
    const rate = s.in_time_rate === null ? "—" : (s.in_time_rate * 100).toFixed(1) + "%";
    return `<div class="mc-stats" id="mc-stats"><span>未接来电 <b>${s.missed}</b></span>
      <span>按时回拨 <b id="mc-stat-in-time">${s.called_back_in_time}</b></span>
      <span>超时回拨 <b>${s.called_back_late}</b></span>
      <span>待回拨 <b id="mc-stat-pending">${s.pending}</b></span>
      <span>已超时未回拨 <b id="mc-stat-overdue">${s.overdue}</b></span>
      <span>按时回拨率 <b>${rate}</b></span></div>`;
  }

  function form(host, id, done) {
    host.innerHTML = `<div class="card mc-form-card"><h2>已回拨 · 未接来电 #${id}</h2>
      <form id="mc-form"><label style="display:flex">回拨情况<textarea name="note" maxlength="500"
        placeholder="如：已联系，来电人反映小区停水，已新建工单"></textarea></label>
        <p class="hint">回拨后如来电人有诉求，请在“新建工单”中登记。</p>
        <div class="actions"><button class="primary" type="submit">保存</button>
        <button type="button" id="mc-cancel">取消</button></div></form><div id="mc-form-msg"></div></div>`;
    document.getElementById("mc-cancel").onclick = () => { host.innerHTML = ""; };
    document.getElementById("mc-form").onsubmit = async (ev) => {
      ev.preventDefault();
      const button = ev.target.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        const r = await api("POST", `/missed-calls/${id}/called-back`,
          { note: String(new FormData(ev.target).get("note") || "").trim() });
        host.innerHTML = "";
        await done(r.message);
      } catch (e) { button.disabled = false; showMsg(document.getElementById("mc-form-msg"), e.message); }
    };
  }

  async function render(el, note) {
    const data = await api("GET", "/missed-calls?state=" + encodeURIComponent(filter));
    if (location.hash.split("/")[1] !== "missed") return;
    const s = data.stats;
    const tabs = TABS.map(([k, v]) => `<button type="button" class="fu-tab${k === filter ? " active" : ""}" data-filter="${k}">` +
      `${esc(v)} <span class="fu-count">${data.counts[k] || 0}</span></button>`).join("");
    const table = data.items.length ? `<table class="list mc-table" id="mc-list"><thead><tr><th>来电时间（北京时间）</th><th>来电号码</th>
      <th>情况</th><th>回拨期限</th><th>状态</th><th>回拨记录</th><th>操作</th></tr></thead>
      <tbody>${data.items.map(row).join("")}</tbody></table>` : '<div class="empty">没有符合条件的未接来电</div>';
    el.innerHTML = `<div id="mc-msg"></div><div id="mc-form-host"></div>
      <div class="card"><h2>未接来电回拨 <span class="hint">来电人未说话即挂机或无声的来电，须在${s.deadline_minutes}分钟内回拨</span></h2>
      ${statsLine(s)}<div class="fu-tabs">${tabs}</div>${table}</div>`;
    if (note) showMsg(document.getElementById("mc-msg"), note, "ok");
    el.querySelectorAll(".fu-tab").forEach(b => b.onclick = () => { filter = b.dataset.filter; render(el); });
    el.querySelectorAll("button[data-act=back]").forEach(b => b.onclick = () =>
      form(document.getElementById("mc-form-host"), b.dataset.missed, (m) => render(el, m)));
  }

  HL.panels.missed = async (el) => { await render(el); };
  // New missed calls arrive without an event: refresh every 30 s unless a form is open.
  setInterval(() => {
    if (location.hash.split("/")[1] !== "missed" || document.hidden) return;
    const host = document.getElementById("mc-form-host");
    if (!host || host.innerHTML) return;
    render(view).catch(() => {});
  }, 30000);
})();

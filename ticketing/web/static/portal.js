// Unit portal (承办单位): only this unit's tickets, caller number masked.
"use strict";
(() => {
  const { api, esc, fmtTime, clockHtml, tickClocks, showMsg, LABELS } = HL;
  const view = document.getElementById("view");
  let current = { name: null, id: null };

  async function showList() {
    const data = await api("GET", "/tickets?view=unit&limit=200");
    if (current.name !== "list") return;
    const rows = data.items.map(t => `<tr class="row" data-id="${t.id}"><td>${t.id}</td>
      <td><span class="badge state-${t.state}">${esc(LABELS.state[t.state])}</span></td>
      <td>${esc(fmtTime(t.dispatched_at || t.received_at))}</td><td>${esc(t.caller_number_masked || "无号码")}</td>
      <td>${esc((t.summary || t.text || "").slice(0, 60))}</td>
      <td>${t.lead_unit === HL.me.unit_id ? "主办" : "协办"}</td><td>${clockHtml(t.clocks.close || t.clocks.dispatch)}</td></tr>`).join("");
    view.innerHTML = `<div class="card"><h2>本单位工单 <span class="hint">共 ${data.total}${data.total_capped ? "+" : ""} 件</span></h2>
      ${rows ? `<table class="list" id="ticket-list"><thead><tr><th>编号</th><th>状态</th><th>派单时间</th><th>来电号码</th>
      <th>内容</th><th>承办方式</th><th>时限</th></tr></thead><tbody>${rows}</tbody></table>` : '<div class="empty">暂无工单</div>'}</div>`;
    view.querySelectorAll("tr.row").forEach(tr => tr.onclick = () => { location.hash = "#/ticket/" + tr.dataset.id; });
    tickClocks();
  }

  async function showTicket(id) {
    const t = await api("GET", "/tickets/" + id);
    if (current.id !== id) return;
    render(t);
  }

  function render(t) {
    const can = new Set(t.allowed_commands);
    const attachments = (t.attachments || []).map(a => `<li><a href="${esc(a.url)}" target="_blank">${esc(a.name)}</a></li>`).join("");
    view.innerHTML = `<div class="card"><h2>工单 ${t.id} <span class="badge state-${t.state}" id="ticket-state">${esc(LABELS.state[t.state])}</span>
        ${clockHtml(t.clocks.close)}</h2><div id="ticket-msg"></div>
        <p>受理时间：${esc(fmtTime(t.received_at))}　来电号码：<span id="caller-number">${esc(t.caller_number_masked || "无号码")}</span>
          ${t.caller_name ? "　来电人：" + esc(t.caller_name) : ""}</p>
        <p>类型：${esc(HL.typeName(t.request_type))}　区域：${esc(HL.areaName(t.area_id))}　地点：${esc(t.location_text)}</p>
        <p>主办：${esc(HL.unitName(t.lead_unit))}${t.assisting_units.length ? "　协办：" + t.assisting_units.map(u => esc(HL.unitName(u))).join("、") : ""}</p>
        <p><b>诉求内容：</b>${esc(t.summary || t.text)}</p>
        ${t.summary && t.text ? `<p class="hint">${esc(t.text)}</p>` : ""}
        ${t.reply_text ? `<p><b>答复：</b>${esc(t.reply_text)}</p>` : ""}
        ${attachments ? `<ul>${attachments}</ul>` : ""}</div>
      ${can.size ? `<div class="card"><h2>办理</h2>
        ${can.has("accept") ? '<div class="actions"><button type="button" class="primary" id="accept">签收</button></div>' : ""}
        ${can.has("reply") ? `<form id="reply-form"><label style="display:flex">办理结果<textarea name="text" id="reply-input" required></textarea></label>
          <label>附件（可选）<input type="file" id="attachment" multiple></label>
          <div class="actions"><button type="submit" class="primary" id="reply">提交答复</button></div></form>` : ""}
        ${can.has("return") ? `<div class="row-form" style="margin-top:12px"><label>退单原因<input id="return-reason" size="40"></label>
          <button type="button" class="warn" id="return">退单</button></div>` : ""}
      </div>` : ""}`;
    const msg = document.getElementById("ticket-msg");
    const run = async (cmd, body) => {
      try { render(await api("POST", `/tickets/${t.id}/${cmd}`, Object.assign({ version: t.version }, body))); showMsg(document.getElementById("ticket-msg"), "操作成功", "ok"); }
      catch (e) { showMsg(msg, e.message); }
    };
    const acc = document.getElementById("accept");
    if (acc) acc.onclick = () => run("accept", {});
    const ret = document.getElementById("return");
    if (ret) ret.onclick = () => run("return", { reason: document.getElementById("return-reason").value });
    const form = document.getElementById("reply-form");
    if (form) form.onsubmit = async (ev) => {
      ev.preventDefault();
      const files = document.getElementById("attachment").files;
      try {
        for (const f of files) {
          const fd = new FormData(); fd.append("file", f, f.name);
          await api("POST", `/tickets/${t.id}/attachments`, fd);
        }
      } catch (e) { showMsg(msg, e.message); return; }
      await run("reply", { text: document.getElementById("reply-input").value });
    };
    tickClocks();
  }

  async function route() {
    const parts = (location.hash || "#/list").slice(2).split("/");
    current = { name: parts[0] || "list", id: parts[1] ? parseInt(parts[1], 10) : null };
    try {
      if (current.name === "ticket" && current.id) await showTicket(current.id);
      else { current.name = "list"; await showList(); }
    } catch (e) {
      if (e.status !== 401) view.innerHTML = `<div class="msg error" role="alert">${esc(e.message)}</div>`;
    }
  }

  (async () => {
    await HL.init(["liaison"]);
    window.addEventListener("hashchange", route);
    HL.live(() => { if (current.name === "list") showList(); }, document.getElementById("live"));
    await route();
  })();
})();

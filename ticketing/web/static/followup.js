// 回访 panel for the operator console (loaded through the follow-up WebExtension):
// the manual-call list, the survey jobs by state, 立即呼叫 and 手工录入结果,
// and a 回访 card on the ticket page.
"use strict";
(() => {
  const { api, esc, showMsg } = HL;
  HL.panels = HL.panels || {};

  const css = document.createElement("link");
  css.rel = "stylesheet"; css.href = "/static/followup.css";
  document.head.appendChild(css);

  const RESULTS = [
    ["satisfied", "满意"], ["basic", "基本满意"], ["dissatisfied", "不满意"],
    ["no_answer", "无法联系"], ["declined", "拒绝回访"],
  ];
  // Filter tabs, in the order operators work through them.
  const TABS = [
    ["open", "未完成"], ["retry", "待重拨"], ["in_call", "呼叫中"], ["manual", "需人工回访"],
    ["done", "已回访"], ["not_callable", "无法回访"], ["opted_out", "拒绝回访"], ["all", "全部"],
  ];
  let filter = "open";
  const view = document.getElementById("view");

  function resultCell(j) {
    if (j.satisfaction_label) return `<b>${esc(j.satisfaction_label)}</b>`;
    return j.last_outcome_label ? `上次：${esc(j.last_outcome_label)}` : '<span class="hint">—</span>';
  }

  // The next call, and whether the calling window is closed now (e.g. 呼叫时段外，明天08:00开始).
  function nextAttempt(j) {
    const closed = j.window_notice ? ` <span class="fu-window-closed">${esc(j.window_notice)}</span>` : "";
    if (j.next_attempt_local) return `${esc(j.next_attempt_local)}${closed}`;
    return (closed || '<span class="hint">—</span>');
  }

  function windowLine(w) {
    if (!w) return "";
    return w.open ? `<span class="fu-window-open">呼叫时段 ${esc(w.hours)}，正在呼叫时段内</span>`
      : `<span class="fu-window-closed" id="fu-window">${esc(w.notice)}（呼叫时段 ${esc(w.hours)}）</span>`;
  }

  function percent(x) { return x === null || x === undefined ? "—" : (x * 100).toFixed(1) + "%"; }

  function statsCard(s) {
    return `<div class="card" id="fu-stats"><h2>回访完成情况 <span class="hint">近30天自动回访中已接通的电话</span></h2>
      <div class="fu-stats"><span>已接通 <b>${s.answered_calls}</b></span>
      <span>听到提问 <b>${s.reached_question}</b></span>
      <span>已作答 <b id="fu-stat-answered">${s.answered}</b></span>
      <span>提问前挂机 <b id="fu-stat-hung-up-prompt">${s.hung_up_prompt}</b></span>
      <span>提问后挂机 <b>${s.hung_up_after_question}</b></span>
      <span>未作有效选择 <b>${s.no_response}</b></span>
      <span>完成率 <b id="fu-stat-rate">${percent(s.completion_rate)}</b></span></div></div>`;
  }

  function actions(j) {
    return (j.can_call_now ? `<button type="button" data-act="call" data-ticket="${j.ticket_id}">立即呼叫</button>` : "") +
      (j.can_record ? `<button type="button" class="primary" data-act="record" data-ticket="${j.ticket_id}">手工录入结果</button>` : "") +
      `<button type="button" data-act="attempts" data-job="${j.id}">呼叫记录</button>`;
  }

  function jobRow(j) {
    return `<tr class="fu-row" data-job="${j.id}" data-ticket="${j.ticket_id}">
      <td><a href="#/ticket/${j.ticket_id}">#${j.ticket_id}</a></td>
      <td class="excerpt">${esc((j.ticket && j.ticket.summary) || "")}</td>
      <td><span class="badge fu-${esc(j.status)}">${esc(j.status_label)}</span></td>
      <td>${nextAttempt(j)}</td>
      <td>${j.attempts} / ${j.max_attempts}</td>
      <td>${resultCell(j)}</td>
      <td>${esc(j.phone_masked || "无号码")}</td>
      <td class="hint">${esc(j.note || "")}</td>
      <td class="fu-actions">${actions(j)}</td></tr>`;
  }

  function jobTable(items, id, empty) {
    if (!items.length) return `<div class="empty">${esc(empty)}</div>`;
    return `<table class="list fu-table" id="${id}"><thead><tr><th>工单</th><th>诉求</th><th>回访状态</th>
      <th>下次呼叫（北京时间）</th><th>已呼叫/上限</th><th>结果</th><th>号码</th><th>说明</th><th>操作</th></tr></thead>
      <tbody>${items.map(jobRow).join("")}</tbody></table>`;
  }

  function attemptsHtml(data) {
    if (!data.attempts.length) return '<span class="hint">尚未呼叫</span>';
    return `<table class="fu-attempts"><thead><tr><th>次数</th><th>时间（北京时间）</th><th>方式</th><th>呼叫人</th><th>结果</th><th>回访结果</th><th>说明</th></tr></thead><tbody>` +
      data.attempts.map(a => `<tr><td>${a.attempt}</td><td>${esc(a.started_local)}</td><td>${esc(a.channel_label)}</td>
        <td>${esc(a.actor)}</td><td>${esc(a.outcome_label || "")}${a.ending_label ? "（" + esc(a.ending_label) + "）" : ""}</td>
        <td>${esc(a.satisfaction_label || "")}</td><td>${esc(a.detail || "")}</td></tr>`).join("") + "</tbody></table>";
  }

  // The manual-entry form, shown in `host` for one ticket; `done` runs after a save.
  function recordForm(host, ticketId, done) {
    host.innerHTML = `<div class="card fu-form-card"><h2>手工录入回访结果 · 工单 #${ticketId}</h2>
      <form id="fu-record-form" data-ticket="${ticketId}">
        <div class="fu-results">${RESULTS.map(([k, v], i) =>
          `<label class="fu-choice"><input type="radio" name="result" value="${k}"${i === 0 ? " checked" : ""}> ${esc(v)}</label>`).join("")}</div>
        <label style="display:flex">备注<textarea name="note" maxlength="500" placeholder="来电人的意见、回访时的情况"></textarea></label>
        <p class="hint">选择“不满意”时，工单将退回重新审核并记入处理记录。</p>
        <div class="actions"><button class="primary" type="submit">保存结果</button>
          <button type="button" id="fu-cancel">取消</button></div>
      </form><div id="fu-form-msg"></div></div>`;
    host.scrollIntoView({ block: "nearest" });
    document.getElementById("fu-cancel").onclick = () => { host.innerHTML = ""; };
    document.getElementById("fu-record-form").onsubmit = async (ev) => {
      ev.preventDefault();
      const fd = new FormData(ev.target);
      const button = ev.target.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        const r = await api("POST", `/followup/tickets/${ticketId}/manual-result`,
          { result: fd.get("result"), note: String(fd.get("note") || "").trim() });
        host.innerHTML = "";
        await done(r.message);
      } catch (e) {
        button.disabled = false;
        showMsg(document.getElementById("fu-form-msg"), e.message);
      }
    };
  }

  async function callNow(ticketId, msgEl, done) {
    try {
      const r = await api("POST", `/followup/tickets/${ticketId}/call-now`, {});
      await done(r.message);
    } catch (e) { showMsg(msgEl, e.message); }
  }

  // --- the panel ------------------------------------------------------------------------
  async function render(el, note) {
    const qs = filter === "all" ? "" : "?state=" + encodeURIComponent(filter);
    const [manual, jobs, stats] = await Promise.all([api("GET", "/followup/manual-calls"),
      api("GET", "/followup/jobs" + qs), api("GET", "/followup/stats")]);
    if (location.hash.split("/")[1] !== "followup") return;
    const counts = jobs.counts || {};
    const tabs = TABS.map(([k, v]) => `<button type="button" class="fu-tab${k === filter ? " active" : ""}" data-filter="${k}">` +
      `${esc(v)} <span class="fu-count">${counts[k] || 0}</span></button>`).join("");
    el.innerHTML = `<div id="fu-msg"></div><div id="fu-form"></div>${jobs.notice ? `<div class="card fu-notice"><p class="error">${esc(jobs.notice)}</p></div>` : ""}
      <div class="card"><h2>呼叫失败需人工回访 <span class="hint">共 ${manual.total} 件 · 自动呼叫次数已用完，请人工拨打后录入结果</span></h2>
        ${jobTable(manual.items, "fu-manual", "暂无需要人工回访的工单")}</div>
      <div class="card"><h2>回访任务 <span class="hint">回访时段内自动呼叫；时间为北京时间</span> ${windowLine(jobs.window)}</h2>
        <div class="fu-tabs" role="tablist">${tabs}</div>
        ${jobTable(jobs.items, "fu-jobs", "没有符合条件的回访任务")}</div>${statsCard(stats)}`;
    if (note) showMsg(document.getElementById("fu-msg"), note, "ok");
    el.querySelectorAll(".fu-tab").forEach(b => b.onclick = () => { filter = b.dataset.filter; render(el); });
    const refresh = (message) => render(el, message);
    el.querySelectorAll("button[data-act]").forEach(b => b.onclick = async () => {
      const msg = document.getElementById("fu-msg");
      if (b.dataset.act === "call") { b.disabled = true; await callNow(b.dataset.ticket, msg, refresh); b.disabled = false; }
      else if (b.dataset.act === "record") recordForm(document.getElementById("fu-form"), b.dataset.ticket, refresh);
      else if (b.dataset.act === "attempts") await toggleAttempts(b);
    });
  }

  async function toggleAttempts(button) {
    const row = button.closest("tr");
    const next = row.nextElementSibling;
    if (next && next.classList.contains("fu-detail")) { next.remove(); return; }
    const data = await api("GET", `/followup/jobs/${button.dataset.job}/attempts`);
    const tr = document.createElement("tr");
    tr.className = "fu-detail";
    tr.innerHTML = `<td colspan="9">${attemptsHtml(data)}</td>`;
    row.after(tr);
  }

  HL.panels.followup = async (el) => { await render(el); };

  // The scheduler's calls do not reach the event stream: refresh the open panel every
  // 30 s, unless the operator is typing a result or reading a call history.
  setInterval(() => {
    if (location.hash.split("/")[1] !== "followup" || document.hidden) return;
    const form = document.getElementById("fu-form");
    if (!form || form.innerHTML || document.querySelector("tr.fu-detail")) return;
    render(view).catch(() => {});
  }, 30000);

  // --- the 回访 card on the ticket page ----------------------------------------------------
  let pending = null;

  async function ticketCard(id) {
    let data;
    try { data = await api("GET", `/followup/tickets/${id}`, undefined, { noRedirect: true }); }
    catch (e) { return; }  // e.g. an admin: no follow-up card
    const column = view.querySelector(".grid2 > div:last-child");
    if (!column || currentTicket() !== id || document.getElementById("followup-card")) return;
    if (!data.jobs.length && !data.can_record) return;
    const job = data.jobs.length ? data.jobs[0].job : null;
    const card = document.createElement("div");
    card.className = "card"; card.id = "followup-card"; card.dataset.ticket = String(id);
    card.innerHTML = `<h2>回访</h2>
      ${job ? `<p>状态：<span class="badge fu-${esc(job.status)}" id="followup-state">${esc(job.status_label)}</span>
        ${job.next_attempt_local ? ` <span class="hint">下次呼叫 ${esc(job.next_attempt_local)}（北京时间）</span>` : ""}
        ${job.window_notice ? ` <span class="fu-window-closed">${esc(job.window_notice)}</span>` : ""}</p>
        <p>已呼叫 ${job.attempts} / ${job.max_attempts} 次${job.satisfaction_label ? "；结果：<b>" + esc(job.satisfaction_label) + "</b>" : ""}</p>
        ${job.note ? `<p class="hint">${esc(job.note)}</p>` : ""}` : '<p class="hint">尚未安排自动回访</p>'}
      <div class="actions">
        ${data.can_call_now ? '<button type="button" id="fu-ticket-call">立即呼叫</button>' : ""}
        ${data.can_record ? '<button type="button" class="primary" id="fu-ticket-record">手工录入结果</button>' : ""}
      </div><div id="fu-ticket-msg"></div><div id="fu-ticket-form"></div>`;
    const history = column.lastElementChild;
    column.insertBefore(card, history);
    // The ticket page re-renders from the server after a change (console.js routes again).
    const again = (message) => {
      HL.followupNotice = message;
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    };
    const call = document.getElementById("fu-ticket-call");
    if (call) call.onclick = () => callNow(id, document.getElementById("fu-ticket-msg"), again);
    const record = document.getElementById("fu-ticket-record");
    if (record) record.onclick = () => recordForm(document.getElementById("fu-ticket-form"), id, again);
    if (HL.followupNotice) {
      showMsg(document.getElementById("fu-ticket-msg"), HL.followupNotice, "ok");
      HL.followupNotice = null;
    }
  }

  function currentTicket() {
    const m = /^#\/ticket\/(\d+)/.exec(location.hash);
    return m ? parseInt(m[1], 10) : null;
  }

  let missed = false;
  function ensureCard() {
    const id = currentTicket();
    if (id === null || !document.getElementById("ticket-state") || document.getElementById("followup-card")) return;
    if (pending) { missed = true; return; }  // re-rendered while loading: look again after
    pending = ticketCard(id).finally(() => {
      pending = null;
      if (missed) { missed = false; ensureCard(); }
    });
  }
  new MutationObserver(ensureCard).observe(view, { childList: true });
})();

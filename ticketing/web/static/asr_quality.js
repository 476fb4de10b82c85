// Dashboard section 识别质量 (leads, admins): CER per day and model from operators'
// corrections, the most corrected runs, and the correction lexicon (admins decide).
// Its own file: dashboard.js draws the ticket figures.
"use strict";
(() => {
  const { api, esc, showMsg } = HL;
  const STATUS = { proposed: "待审核", approved: "已启用", reverted: "已撤销" };
  const pct = (v) => (v * 100).toFixed(1) + "%";
  const shown = (s) => s ? esc(s) : "<span class=\"muted\">（空）</span>";

  function table(head, rows) {
    if (!rows.length) return "<p class=\"muted\">暂无数据</p>";
    return `<table class="list"><thead><tr>${head.map(h => `<th>${esc(h)}</th>`).join("")}</tr></thead>` +
      `<tbody>${rows.join("")}</tbody></table>`;
  }

  function lexiconRow(e, admin) {
    const act = (a, label) => `<button type="button" data-act="${a}" data-id="${e.id}">${label}</button>`;
    const buttons = !admin ? "" :
      (e.status !== "approved" ? act("approve", "批准") : "") +
      (e.status === "approved" ? act("revert", "撤销") : "") + act("delete", "删除");
    return `<tr data-entry="${e.id}"><td>${esc(e.heard)} → ${esc(e.meant)}</td><td>${e.seen}</td>` +
      `<td class="status">${esc(STATUS[e.status] || e.status)}</td><td>${buttons}</td></tr>`;
  }

  async function loadLexicon(box, admin) {
    const d = await api("GET", "/quality/lexicon");
    box.querySelector("#lexicon-mode").textContent = d.auto_apply
      ? "新词条自动启用（asr.lexicon_auto_apply）" : "新词条经管理员批准后启用";
    box.querySelector("#lexicon").innerHTML =
      table(["听成 → 应为", "纠正次数", "状态", admin ? "操作" : ""], d.entries.map(e => lexiconRow(e, admin)));
  }

  async function load(box, admin) {
    const start = document.getElementById("start").value, end = document.getElementById("end").value;
    const qs = start && end ? `?start=${start}&end=${end}` : "";
    let d;
    try { d = await api("GET", "/quality/asr" + qs); }
    catch (e) { showMsg(box.querySelector("#asr-msg"), e.message); return; }
    box.querySelector("#asr-msg").textContent = "";
    box.querySelector("#asr-models").innerHTML = table(["识别模型", "纠正工单", "字错误率 (CER)"],
      d.models.map(m => `<tr><td>${esc(m.model)}</td><td>${m.tickets}</td><td>${pct(m.cer)}</td></tr>`));
    box.querySelector("#asr-days").innerHTML = table(["日期", "识别模型", "纠正工单", "字错误率 (CER)"],
      d.days.map(r => `<tr><td>${esc(r.day)}</td><td>${esc(r.model)}</td><td>${r.tickets}</td><td>${pct(r.cer)}</td></tr>`));
    box.querySelector("#asr-top").innerHTML = table(["听成", "应为", "类别", "次数"],
      d.top_corrections.map(c => `<tr><td>${shown(c.heard)}</td><td>${shown(c.meant)}</td>` +
        `<td>${c.kind === "number" ? "数字" : "词语"}</td><td>${c.count}</td></tr>`));
    await loadLexicon(box, admin);
  }

  async function start() {
    while (!HL.me) await new Promise(r => setTimeout(r, 50));  // dashboard.js logs in
    const role = HL.me.role;
    if (role !== "lead" && role !== "admin") return;
    const admin = role === "admin";
    const box = document.getElementById("asr-quality");
    box.innerHTML = `<h2>识别质量（来自督办员修改）</h2><div id="asr-msg"></div>
      <h3>按模型</h3><div id="asr-models"></div>
      <h3>按日期</h3><div id="asr-days"></div>
      <h3>最常被纠正的词</h3><div id="asr-top"></div>
      <h3>纠错词表</h3><p class="muted" id="lexicon-mode"></p><div id="lexicon"></div>`;
    box.hidden = false;
    box.addEventListener("click", async (ev) => {
      const b = ev.target.closest("button[data-act]");
      if (!b) return;
      const { act, id } = b.dataset;
      if (act === "delete" && !confirm("删除该词条？")) return;
      try {
        await api(act === "delete" ? "DELETE" : "POST",
          act === "delete" ? `/quality/lexicon/${id}` : `/quality/lexicon/${id}/${act}`);
        await loadLexicon(box, admin);
      } catch (e) { showMsg(box.querySelector("#asr-msg"), e.message); }
    });
    document.getElementById("period").addEventListener("submit", () => load(box, admin));
    await load(box, admin);
  }
  start();
})();

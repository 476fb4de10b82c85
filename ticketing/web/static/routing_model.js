// Dashboard card 派单模型: which routing model is live and how scheduled retraining judged
// it (champion/challenger on the newest dispatches). Its own file, like asr_quality.js.
"use strict";
(() => {
  const { api, esc } = HL;
  const STATUS = { running: "训练中", replaced: "已上线", kept: "未替换", failed: "失败" };
  const pct = (v) => v === null || v === undefined ? "—" : (v * 100).toFixed(1) + "%";
  const when = (iso) => iso ? HL.fmtTime(iso) : "—";

  async function start() {
    while (!HL.me) await new Promise(r => setTimeout(r, 50));  // dashboard.js logs in
    const box = document.getElementById("routing-model");
    let d;
    try { d = await api("GET", "/routing/model"); } catch (e) { return; }
    const live = d.live;
    const head = live
      ? `第 ${live.id} 次训练的模型（${esc(when(live.finished_at))} 上线），` +
        `近期 ${live.held_out} 件派单准确率 <b id="live-accuracy">${pct(live.challenger_accuracy)}</b>`
      : "内置语料模型（尚未用本中心派单重新训练）";
    const rows = d.runs.map(r => `<tr><td>${r.id}</td><td>${esc(when(r.started_at))}</td>` +
      `<td>${esc(STATUS[r.status] || r.status)}</td><td>${r.examples}</td>` +
      `<td>${pct(r.champion_accuracy)}</td><td>${pct(r.challenger_accuracy)}</td>` +
      `<td>${esc(r.reason)}</td></tr>`);
    box.innerHTML = `<h2>派单模型</h2><p id="live-model">现用：${head}</p>` +
      (rows.length ? `<table class="list"><thead><tr><th>#</th><th>训练时间</th><th>结果</th>` +
        `<th>派单历史</th><th>原模型准确率</th><th>新模型准确率</th><th>说明</th></tr></thead>` +
        `<tbody>${rows.join("")}</tbody></table>` : "<p class=\"muted\">暂无训练记录</p>");
    box.hidden = false;
  }
  start();
})();

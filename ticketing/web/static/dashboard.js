// Lead dashboard: figures for a period, drawn as inline SVG (no chart library, no CDN).
"use strict";
(() => {
  const { api, esc, showMsg, fmtDay } = HL;
  const SVGNS = "http://www.w3.org/2000/svg";
  const COLOR = "#8b1a1a", COLOR2 = "#d97706";

  function iso(d) { return fmtDay(d); }  // the centre's day, not UTC's
  function pct(rate) { return rate.value == null ? "—" : (rate.value * 100).toFixed(1) + "%"; }

  function svg(w, h) {
    const s = document.createElementNS(SVGNS, "svg");
    s.setAttribute("viewBox", `0 0 ${w} ${h}`); s.setAttribute("width", "100%"); s.setAttribute("role", "img");
    return s;
  }
  function el(name, attrs, text) {
    const e = document.createElementNS(SVGNS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    return e;
  }

  // Axis text: large enough to read when the chart is scaled down into a narrow card.
  const TICK = 14, LABEL = 15, INK = "#1f2933", MUTED = "#52606d";

  // Vertical bars over days; the day labels turn 45° when there are many of them.
  function dayChart(byDay) {
    const keys = Object.keys(byDay), vals = keys.map(k => byDay[k]);
    const slanted = keys.length > 10;
    const W = 560, L = 44, T = 14, B = slanted ? 64 : 34, H = 250 + (slanted ? 30 : 0);
    // Four gridlines at whole numbers.
    const max = Math.max(4, Math.ceil(Math.max(...vals, 0) / 4) * 4), bw = (W - L - 10) / Math.max(1, keys.length);
    const s = svg(W, H);
    s.classList.add("axis-chart");
    for (let i = 0; i <= 4; i++) {
      const y = T + (H - T - B) * (1 - i / 4);
      s.appendChild(el("line", { x1: L, x2: W - 5, y1: y, y2: y, stroke: "#e5e7eb" }));
      s.appendChild(el("text", { x: L - 6, y: y + 5, "font-size": TICK, "text-anchor": "end", fill: MUTED, class: "tick" }, Math.round(max * i / 4)));
    }
    const every = Math.ceil(keys.length / (slanted ? 16 : 10));
    keys.forEach((k, i) => {
      const h = (H - T - B) * vals[i] / max, x = L + i * bw;
      const r = el("rect", { x: x + bw * 0.15, y: H - B - h, width: Math.max(1, bw * 0.7), height: h, fill: COLOR, class: "bar" });
      r.appendChild(el("title", {}, `${k}：${vals[i]} 件`));
      s.appendChild(r);
      if (i % every) return;
      const cx = x + bw / 2, cy = H - B + 18;
      const attrs = { x: cx, y: cy, "font-size": TICK, "text-anchor": slanted ? "end" : "middle", fill: MUTED, class: "tick" };
      if (slanted) attrs.transform = `rotate(-45 ${cx} ${cy - 6})`;
      s.appendChild(el("text", attrs, k.slice(5)));
    });
    return s;
  }

  // Long names (units such as 区住房和城乡建设局) wrap onto two lines instead of being cut.
  function labelLines(label, perLine) {
    if (label.length <= perLine) return [label];
    const cut = Math.min(perLine, Math.ceil(label.length / 2)), second = label.slice(cut);
    return [label.slice(0, cut), second.length > perLine ? second.slice(0, perLine - 1) + "…" : second];
  }

  // Horizontal bars for categories (type, unit, area, supervisor).
  function barChart(entries, color) {
    const W = 560, L = 200, perLine = Math.floor((L - 12) / LABEL);
    const lines = entries.map(([label]) => labelLines(String(label), perLine));
    const heights = lines.map(ls => ls.length > 1 ? 46 : 30);
    const H = Math.max(44, heights.reduce((a, b) => a + b, 0) + 10);
    const max = Math.max(1, ...entries.map(e => e[1]));
    const s = svg(W, H);
    s.classList.add("axis-chart");
    if (!entries.length) { s.appendChild(el("text", { x: W / 2, y: 28, "text-anchor": "middle", fill: "#9aa5b1", "font-size": LABEL }, "暂无数据")); return s; }
    let y = 5;
    entries.forEach(([label, v], i) => {
      const h = heights[i], w = (W - L - 56) * v / max, mid = y + h / 2;
      const t = el("text", { x: L - 8, y: mid + 5 - (lines[i].length - 1) * 9, "font-size": LABEL, "text-anchor": "end", fill: INK, class: "label" });
      lines[i].forEach((line, j) => t.appendChild(el("tspan", { x: L - 8, dy: j ? 18 : 0 }, line)));
      t.appendChild(el("title", {}, label));
      s.appendChild(t);
      const r = el("rect", { x: L, y: mid - 9, width: Math.max(1, w), height: 18, fill: color || COLOR, class: "bar" });
      r.appendChild(el("title", {}, `${label}：${v}`));
      s.appendChild(r);
      s.appendChild(el("text", { x: L + w + 6, y: mid + 5, "font-size": TICK, fill: MUTED, class: "tick" }, v));
      y += h;
    });
    return s;
  }

  // Donut for a share (epidemic, satisfaction).
  function donut(rate, label) {
    const s = svg(200, 140), v = rate.value || 0, R = 48, C = 2 * Math.PI * R;
    s.appendChild(el("circle", { cx: 100, cy: 64, r: R, fill: "none", stroke: "#e5e7eb", "stroke-width": 16 }));
    s.appendChild(el("circle", { cx: 100, cy: 64, r: R, fill: "none", stroke: COLOR, "stroke-width": 16,
      "stroke-dasharray": `${C * v} ${C}`, transform: "rotate(-90 100 64)", class: "bar" }));
    s.appendChild(el("text", { x: 100, y: 70, "text-anchor": "middle", "font-size": 18, fill: "#1f2933" }, pct(rate)));
    s.appendChild(el("text", { x: 100, y: 132, "text-anchor": "middle", "font-size": 14, fill: "#52606d" }, `${label}（${rate.numerator}/${rate.denominator}）`));
    return s;
  }

  function card(title, node) {
    const c = document.createElement("div"); c.className = "card chart";
    const h = document.createElement("h2"); h.textContent = title; c.appendChild(h); c.appendChild(node);
    return c;
  }

  // 自动派单: share of the period's dispatches the machine made, and how many were taken back.
  function autoKpis(a, kpi) {
    if (!a) return "";
    return `<span id="auto-dispatch" style="display:contents">` +
      kpi("自动派单率", pct({ value: a.auto_rate })) +
      kpi("自动派单 / 人工派单", `${a.dispatched_automatically} / ${a.dispatched_by_people}`) +
      kpi("自动派单被收回", a.taken_back) + "</span>";
  }

  async function load(initial) {
    const start = document.getElementById("start").value, end = document.getElementById("end").value;
    // The first load lets the server pick the period: "today" is the centre's local day.
    const qs = initial ? "" : `start=${start}&end=${end}`;
    document.getElementById("csv").href = "/api/v1/stats/export.csv?" + qs;
    document.getElementById("xlsx").href = "/api/v1/stats/export.xlsx?" + qs;
    let d;
    try { d = await api("GET", "/stats?" + qs); }
    catch (e) { showMsg(document.getElementById("dash-msg"), e.message); return; }
    document.getElementById("dash-msg").textContent = "";
    if (initial) {
      document.getElementById("start").value = d.start;
      document.getElementById("end").value = d.end;
      today = new Date(d.end + "T00:00:00Z");
      document.getElementById("csv").href = `/api/v1/stats/export.csv?start=${d.start}&end=${d.end}`;
      document.getElementById("xlsx").href = `/api/v1/stats/export.xlsx?start=${d.start}&end=${d.end}`;
    }
    const kpi = (k, v) => `<div class="kpi"><div class="v">${esc(v)}</div><div class="k">${esc(k)}</div></div>`;
    document.getElementById("kpis").innerHTML =
      kpi("受理总量", d.total) + kpi("涉疫占比", pct(d.epidemic)) + kpi("30分钟内派单率", pct(d.dispatch_on_time)) +
      kpi("按时办结率", pct(d.close_on_time)) + kpi("满意率", pct(d.satisfaction)) +
      kpi("平均办结时长", d.average_close_hours == null ? "—" : d.average_close_hours.toFixed(1) + " 小时") +
      autoKpis(d.auto_dispatch, kpi);
    const charts = document.getElementById("charts");
    charts.innerHTML = "";
    const named = (obj, fn) => Object.entries(obj).map(([k, v]) => [fn(k), v]);
    charts.appendChild(card("每日受理量", dayChart(d.by_day)));
    charts.appendChild(card("按诉求类型", barChart(named(d.by_type, HL.typeName))));
    charts.appendChild(card("按主办单位", barChart(named(d.by_unit, HL.unitName))));
    charts.appendChild(card("按区域", barChart(named(d.by_area, HL.areaName))));
    const shares = document.createElement("div"); shares.style.display = "flex"; shares.style.flexWrap = "wrap";
    [[d.epidemic, "涉疫占比"], [d.dispatch_on_time, "按时派单"], [d.close_on_time, "按时办结"], [d.satisfaction, "满意率"]]
      .forEach(([r, l]) => { const w = document.createElement("div"); w.style.width = "200px"; w.appendChild(donut(r, l)); shares.appendChild(w); });
    charts.appendChild(card("比率", shares));
    const backlog = Object.entries(d.backlog_by_supervisor);
    const bl = document.createElement("div");
    bl.appendChild(barChart(backlog.map(([k, v]) => [k + " 在办", v.open])));
    if (backlog.length) bl.appendChild(barChart(backlog.map(([k, v]) => [k + " 超时", v.overdue]), COLOR2));
    charts.appendChild(card("督办员积压（在办 / 超时）", bl));
  }

  let today = new Date();
  (async () => {
    const me = await HL.init(["operator", "lead", "admin"]);
    // Pages the role may open beyond the two fixed links (用户管理 for admins).
    const nav = document.getElementById("nav");
    for (const item of (me.nav || [])) {
      if (item.href.startsWith("#") || nav.querySelector(`a[href="${item.href}"]`)) continue;
      const a = document.createElement("a"); a.href = item.href; a.textContent = item.label; nav.appendChild(a);
    }
    document.querySelectorAll("button[data-days]").forEach(b => b.onclick = () => {
      const days = parseInt(b.dataset.days, 10) - 1;
      document.getElementById("start").value = iso(new Date(today.getTime() - days * 86400000));
      document.getElementById("end").value = iso(today);
      load(false);
    });
    document.getElementById("period").onsubmit = (ev) => { ev.preventDefault(); load(false); };
    await load(true);
  })();
})();

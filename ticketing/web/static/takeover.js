// 接听 (转人工) on the console's queue: a live call's row gets a button that transfers the
// caller to the operator's own phone (POST /api/v1/calls/{call_id}/take).
"use strict";
(() => {
  const { api, esc } = HL;
  const view = document.getElementById("view");
  let live = { items: [], can_take: false };
  let busy = false;
  let again = false;  // asked for while a fetch was in flight: its answer may predate the ask

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try { live = await api("GET", "/calls/live", undefined, { noRedirect: true }); }
    catch (e) { live = { items: [], can_take: false }; }
    finally { busy = false; }
    decorate();
    if (again) { again = false; refresh(); }
  }

  function decorate() {
    const byTicket = new Map(live.items.filter(c => c.ticket_id).map(c => [String(c.ticket_id), c]));
    view.querySelectorAll("#ticket-list tr.row").forEach(tr => {
      const call = byTicket.get(tr.dataset.id);
      const old = tr.querySelector(".take-call, .live-call");
      if (!call) { if (old) old.remove(); return; }
      if (old) return;
      const cell = tr.querySelector("td");
      if (live.can_take) {
        const b = document.createElement("button");
        b.type = "button"; b.className = "take-call primary"; b.textContent = "接听";
        b.title = "将来电转到您的座席电话 " + (live.phone || "");
        b.dataset.call = call.call_id;
        b.onclick = ev => { ev.stopPropagation(); take(b, call); };
        cell.appendChild(b);
      } else {
        const s = document.createElement("span");
        s.className = "badge live-call"; s.textContent = "通话中";
        cell.appendChild(s);
      }
    });
  }

  async function take(button, call) {
    button.disabled = true;
    const row = button.closest("tr");
    try {
      await api("POST", "/calls/" + encodeURIComponent(call.call_id) + "/take", {});
      button.textContent = "正在转接…";
    } catch (e) {
      button.disabled = false;
      // Under the call's row until the queue is redrawn (e.g. 该来电已结束).
      const tr = document.createElement("tr");
      const td = tr.appendChild(document.createElement("td"));
      td.colSpan = 8;
      td.innerHTML = `<div class="msg error take-error" role="alert">${esc(e.message)}</div>`;
      row.after(tr);
    }
  }

  // The queue is re-rendered on every change: decorate each new table.
  new MutationObserver(() => { if (view.querySelector("#ticket-list tr.row:not([data-live])")) {
    view.querySelectorAll("#ticket-list tr.row").forEach(tr => tr.dataset.live = "1");
    refresh();
  } }).observe(view, { childList: true, subtree: true });
  setInterval(() => { if (view.querySelector("#ticket-list")) refresh(); }, 3000);
})();

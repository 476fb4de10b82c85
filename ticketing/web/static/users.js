// 用户管理 (admins): list accounts, add, disable/enable, unlock, reset password, role and unit.
"use strict";
(() => {
  const { api, esc, showMsg, fmtTime, LABELS } = HL;
  const $ = (sel) => document.querySelector(sel);
  let editing = null;  // the user name the edit card is for

  function fillSelects() {
    const roles = ["operator", "lead", "liaison", "admin"];
    document.querySelectorAll("[data-role-select]").forEach(s => {
      s.innerHTML = roles.map(r => `<option value="${r}">${esc(LABELS.role[r])}</option>`).join("");
    });
    const units = HL.catalog.units.filter(u => !u.is_area).concat(HL.catalog.units.filter(u => u.is_area));
    document.querySelectorAll("[data-unit-select]").forEach(s => {
      s.innerHTML = `<option value="">（无）</option>` +
        units.map(u => `<option value="${esc(u.id)}">${esc(u.name)}</option>`).join("");
    });
    // The unit only applies to liaisons.
    document.querySelectorAll("form").forEach(f => {
      if (!f.role || !f.unit_id) return;
      const sync = () => { f.unit_id.disabled = f.role.value !== "liaison"; if (f.unit_id.disabled) f.unit_id.value = ""; };
      f.role.onchange = sync; sync();
    });
  }

  function row(u) {
    const self = u.name === HL.me.name;
    const buttons = [
      u.active
        ? `<button type="button" data-act="disable" ${self ? "disabled title=\"不能停用自己的账号\"" : ""}>停用</button>`
        : `<button type="button" data-act="enable">启用</button>`,
      u.locked ? `<button type="button" class="warn" data-act="unlock">解锁</button>` : "",
      `<button type="button" data-act="edit">重置密码/角色</button>`,
    ].join(" ");
    return `<tr data-name="${esc(u.name)}" class="${u.active ? "" : "disabled"}">
      <td>${esc(u.name)}</td><td>${esc(u.display_name)}</td><td>${esc(LABELS.role[u.role] || u.role)}</td>
      <td>${esc(u.unit_name || "")}</td>
      <td class="state">${u.active ? "启用" : "<span class=\"badge state-returned\">已停用</span>"}</td>
      <td class="locked">${u.locked ? "<span class=\"badge state-draft\">已锁定</span>" : "—"}</td>
      <td>${u.integration ? "是" : "—"}</td>
      <td>${u.last_login_at ? esc(fmtTime(u.last_login_at)) : "—"}</td>
      <td class="actions-cell">${buttons}</td></tr>`;
  }

  let users = [];
  async function load() {
    users = await api("GET", "/users");
    const body = $("#users tbody");
    body.innerHTML = users.map(row).join("");
    body.querySelectorAll("button[data-act]").forEach(b => b.onclick = () => act(b.dataset.act, b.closest("tr").dataset.name));
  }

  async function act(what, name) {
    const msg = $("#users-msg");
    if (what === "edit") return openEdit(name);
    const done = { disable: "已停用", enable: "已启用", unlock: "已解锁" }[what];
    try {
      await api("POST", `/users/${encodeURIComponent(name)}/${what}`, {});
      showMsg(msg, `${done}：${name}`, "ok");
    } catch (e) { showMsg(msg, e.message); }
    await load();
  }

  function openEdit(name) {
    const u = users.find(x => x.name === name);
    if (!u) return;
    editing = name;
    $("#edit-title").textContent = `修改用户：${u.display_name}（${u.name}）`;
    const f = $("#role-form");
    f.role.value = u.role; f.role.onchange(); f.unit_id.value = u.unit_id || "";
    f.role.disabled = name === HL.me.name;
    $("#password-form").reset();
    $("#edit").hidden = false;
    $("#edit").scrollIntoView();
  }

  async function submit(ev, path, body, ok) {
    ev.preventDefault();
    const msg = $("#users-msg");
    try {
      await api("POST", `/users/${encodeURIComponent(editing)}/${path}`, body);
      showMsg(msg, ok, "ok");
      $("#edit").hidden = true;
    } catch (e) { showMsg(msg, e.message); }
    await load();
  }

  (async () => {
    await HL.init(["admin"]);
    fillSelects();
    $("#add-user").onsubmit = async (ev) => {
      ev.preventDefault();
      const f = ev.target;
      const body = { name: f.name.value.trim(), display_name: f.display_name.value.trim(), role: f.role.value,
        password: f.password.value, unit_id: f.unit_id.value || null, integration: f.integration.checked };
      try {
        await api("POST", "/users", body);
        showMsg($("#add-msg"), `已添加用户：${body.name}`, "ok");
        f.reset(); f.role.onchange();
      } catch (e) { showMsg($("#add-msg"), e.message); }
      await load();
    };
    $("#password-form").onsubmit = (ev) => submit(ev, "password", { password: ev.target.password.value },
      `密码已重置：${editing}（已登录的会话已失效）`);
    $("#role-form").onsubmit = (ev) => submit(ev, "role",
      { role: ev.target.role.value, unit_id: ev.target.unit_id.value || null }, `角色已修改：${editing}`);
    $("#edit-close").onclick = () => { $("#edit").hidden = true; };
    try { await load(); } catch (e) { showMsg($("#users-msg"), e.message); }
  })();
})();

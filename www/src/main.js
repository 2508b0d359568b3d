// The admin dashboard: connect, list an account's conversations, pin, mark, group them,
// and the groups' lifecycle (rename, add/remove conversations, delete), delete conversations.
// It uses the package as any app would, from its dependency (../pkg), not from source.
import { ConversationClient, ChatError, REGIONS } from "tencent-chat-conversations";
import { h, keyOf, idOf, markLabel, timeCell, conversationCell, markBadges, customMarkBadge, groupChips, conversationRow } from "./view.js";
import "./style.css";

const $ = (id) => document.getElementById(id);
const ui = {
  connection: $("connection"), disconnect: $("disconnect"),
  connectPanel: $("connect-panel"), connectForm: $("connect-form"),
  region: $("region"), endpointField: $("endpoint-field"), endpoint: $("endpoint"),
  sdkAppId: $("sdk-app-id"), identifier: $("identifier"), userSig: $("user-sig"),
  error: $("error"), notice: $("notice"),
  workspace: $("workspace"), accountForm: $("account-form"), account: $("account"),
  tabConversations: $("tab-conversations"), tabGroups: $("tab-groups"),
  conversationsView: $("conversations-view"), groupsView: $("groups-view"),
  listStatus: $("list-status"), loadMore: $("load-more"), loadAll: $("load-all"),
  groupForm: $("group-form"), groupName: $("group-name"), createGroup: $("create-group"), selectionCount: $("selection-count"),
  targetGroup: $("target-group"), addToGroup: $("add-to-group"), removeFromGroup: $("remove-from-group"),
  table: $("conversations"), pinnedRows: $("pinned-rows"), rows: $("rows"),
  groups: $("groups"), markedRows: $("marked-rows"),
  markEditor: $("mark-editor"), markForm: $("mark-form"), markTarget: $("mark-target"), appBits: $("app-bits"), customMark: $("custom-mark"),
  confirmDialog: $("confirm-dialog"), confirmTitle: $("confirm-title"), confirmText: $("confirm-text"),
  clearHistoryField: $("clear-history-field"), clearHistory: $("clear-history"),
  renameDialog: $("rename-dialog"), renameTarget: $("rename-target"), renameInput: $("rename-input"),
};

/** The client holds the UserSig; nothing else in the page does. */
let client = null;
/** Everything about the open account; replaced (and its requests aborted) on every open. */
let session = null;

const NO_INFO = Object.freeze({ marks: [], customMark: "", groupIds: [] });

// ---------------------------------------------------------------------------------------
// Messages

function showError(err) {
  if (err instanceof ChatError && err.kind === "aborted") return;
  const chat = err instanceof ChatError || (err && typeof err.kind === "string");
  ui.error.querySelector("[data-testid=error-kind]").textContent = chat ? err.kind : "error";
  const status = err?.httpStatus && (err.kind === "http" || err.httpStatus >= 300) ? ` · HTTP ${err.httpStatus}` : "";
  ui.error.querySelector("[data-testid=error-code]").textContent = `code ${chat ? err.code : 0}${status}`;
  const message = err?.message || String(err);
  ui.error.querySelector("[data-testid=error-message]").textContent = message;
  const meta = [message.includes(err?.command) ? "" : err?.command, err?.attempts > 1 ? `${err.attempts} attempts` : ""];
  ui.error.querySelector("[data-testid=error-meta]").textContent = meta.filter(Boolean).join(" · ");
  ui.error.hidden = false;
}

function clearError() {
  ui.error.hidden = true;
}

function notify(text) {
  ui.notice.textContent = text;
}

/** Per-item failures of mark/createGroup/updateGroup: the call succeeded, some items did not. */
function showItemFailures(what, results) {
  const failed = results.filter((r) => !r.ok);
  if (!failed.length) return;
  showError({
    kind: "item_failed",
    code: failed[0].code,
    message: `${what}: ${failed.length} of ${results.length} failed — ` + failed.map((r) => `${idOf(r.conversation)}: ${r.code} ${r.info}`).join("; "),
  });
}

// ---------------------------------------------------------------------------------------
// Connecting

function prefillFromQuery() {
  const params = new URLSearchParams(location.search);
  // Never accept a credential from the URL; take it out of the address bar and history entry.
  const sigParams = [...params.keys()].filter((k) => /sig/i.test(k));
  if (sigParams.length) {
    sigParams.forEach((k) => params.delete(k));
    history.replaceState(null, "", `${location.pathname}${params.size ? `?${params}` : ""}${location.hash}`);
    notify("A UserSig in the URL was ignored and removed from the address bar.");
  }
  const endpoint = params.get("endpoint");
  const region = params.get("region");
  if (endpoint) {
    ui.region.value = "custom";
    ui.endpoint.value = endpoint;
  } else if (region && [...ui.region.options].some((o) => o.value === region)) {
    ui.region.value = region;
  }
  ui.sdkAppId.value = params.get("sdkAppId") ?? "";
  ui.identifier.value = params.get("identifier") ?? "";
  ui.account.value = params.get("account") ?? "";
  syncEndpointField();
}

function syncEndpointField() {
  const custom = ui.region.value === "custom";
  ui.endpointField.hidden = !custom;
  ui.endpoint.required = custom;
  // A custom endpoint may be a signing proxy (examples/signing-proxy.mjs) that adds the
  // UserSig itself: then the field stays empty and no UserSig is ever in the page.
  ui.userSig.required = !custom;
}

function connect(event) {
  event.preventDefault();
  const sdkAppId = Number(ui.sdkAppId.value.trim());
  const identifier = ui.identifier.value.trim();
  const custom = ui.region.value === "custom";
  const where = custom ? { endpoint: ui.endpoint.value.trim() } : { region: ui.region.value };
  disconnect();
  // The constructor never throws: a bad configuration rejects every call, shown on first use.
  // The proxy replaces this placeholder with a UserSig of its own.
  const userSig = ui.userSig.value || "signed-by-proxy";
  client = new ConversationClient({ sdkAppId, identifier, userSig, ...where });
  ui.userSig.value = "";
  clearError();
  ui.connection.textContent = `Connected to ${where.endpoint ?? where.region} · app ${sdkAppId} · admin ${identifier}`;
  ui.connection.classList.add("connected");
  ui.disconnect.hidden = false;
  ui.workspace.hidden = false;
  if (ui.account.value.trim()) openAccount();
  else ui.account.focus();
}

function disconnect() {
  closeSession();
  client?.free();
  client = null;
  ui.connection.textContent = "Not connected";
  ui.connection.classList.remove("connected");
  ui.disconnect.hidden = true;
  ui.workspace.hidden = true;
}

// ---------------------------------------------------------------------------------------
// The open account

function closeSession() {
  session?.abort.abort();
  session = null;
  clearRows(ui.pinnedRows);
  clearRows(ui.rows);
  ui.groups.replaceChildren();
  ui.targetGroup.replaceChildren();
  ui.markedRows.replaceChildren();
  updateListStatus();
  updateSelection();
}

/** Removes the conversation rows, keeping the section header row. */
function clearRows(tbody) {
  while (tbody.rows.length > 1) tbody.lastChild.remove();
}

function openAccount(event) {
  event?.preventDefault();
  const account = ui.account.value.trim();
  if (!client || !account) return;
  closeSession();
  clearError();
  notify("");
  session = {
    account,
    abort: new AbortController(),
    cursor: undefined,
    complete: false,
    loading: false,
    items: new Map(), // key → ConversationItem (get_list)
    rows: new Map(), // key → <tr>
    info: null, // key → { marks, customMark, groupIds } from get_contact_group, once loaded
    groups: [], // GroupInfo[]
    groupNames: new Map(), // id → name
    marked: [], // MarkedConversation[] in the service's order
    selected: new Set(),
    busy: new Set(),
    groupsRefresh: 0,
  };
  updateListStatus();
  refreshGroups(session);
  loadMore(session);
}

const current = (s) => s === session;

/**
 * Marks and groups of a conversation. get_contact_group is the source once loaded (a
 * conversation it lacks has none); until then, what get_list items carry (newer services).
 */
function infoOf(s, key) {
  if (s.info) return s.info.get(key) ?? NO_INFO;
  const item = s.items.get(key);
  return item && (item.marks || item.customMark || item.groupIds)
    ? { marks: item.marks ?? [], customMark: item.customMark ?? "", groupIds: item.groupIds ?? [] }
    : NO_INFO;
}

function renderRow(s, key) {
  return conversationRow(key, s.items.get(key), infoOf(s, key), {
    selected: s.selected.has(key),
    busy: s.busy.has(key),
    groupNames: s.groupNames,
  });
}

/** Re-renders one row in place (after a pin, a mark, a group change). */
function rerender(s, key) {
  const old = s.rows.get(key);
  if (!old) return;
  const row = renderRow(s, key);
  old.replaceWith(row);
  s.rows.set(key, row);
}

/** Loads the next page (following the cursor); false if nothing was loaded. */
async function loadMore(s) {
  if (!current(s) || s.loading || s.complete) return false;
  s.loading = true;
  updateListStatus();
  try {
    const page = await client.listConversations(s.account, { cursor: s.cursor, signal: s.abort.signal });
    if (!current(s)) return false;
    appendPage(s, page.items);
    s.cursor = page.cursor;
    s.complete = page.complete;
    return true;
  } catch (err) {
    if (current(s)) showError(err);
    return false;
  } finally {
    s.loading = false;
    if (current(s)) updateListStatus();
  }
}

async function loadAll(s) {
  while (current(s) && !s.complete) {
    if (!(await loadMore(s))) break; // an error, shown already
  }
}

/** Appends one page: new rows only, built off-document in two fragments. */
function appendPage(s, items) {
  const pinned = document.createDocumentFragment();
  const normal = document.createDocumentFragment();
  for (const item of items) {
    const key = keyOf(item.conversation);
    // Already shown (moved by a local pin/unpin, or a service reorder): the page's place wins.
    s.rows.get(key)?.remove();
    s.items.set(key, item);
    const row = renderRow(s, key);
    s.rows.set(key, row);
    (item.pinned ? pinned : normal).append(row);
  }
  ui.pinnedRows.append(pinned);
  ui.rows.append(normal);
}

function updateListStatus() {
  const s = session;
  const n = s?.items.size ?? 0;
  const pinned = ui.pinnedRows.rows.length - 1;
  ui.listStatus.textContent = !s
    ? ""
    : `${n} conversation${n === 1 ? "" : "s"} (${pinned} pinned) · ${s.loading ? "loading…" : s.complete ? "all loaded" : "more available"}`;
  ui.table.dataset.complete = String(!!s?.complete);
  ui.table.dataset.loading = String(!!s?.loading);
  ui.loadMore.disabled = ui.loadAll.disabled = !s || s.loading || s.complete;
}

// ---------------------------------------------------------------------------------------
// Groups and marks (get_contact_group, every page)

async function refreshGroups(s) {
  const run = ++s.groupsRefresh;
  const conversations = [];
  let page;
  ui.workspace.dataset.groups = "loading";
  try {
    let startIndex = 0;
    do {
      page = await client.getGroups(s.account, { startIndex, signal: s.abort.signal });
      conversations.push(...page.conversations);
      startIndex = page.nextStartIndex;
    } while (!page.complete && current(s));
  } catch (err) {
    if (current(s) && run === s.groupsRefresh) {
      ui.workspace.dataset.groups = "error";
      showError(err);
    }
    return;
  }
  if (!current(s) || run !== s.groupsRefresh) return; // a newer refresh is under way
  const next = new Map(conversations.map((c) => [keyOf(c.conversation), { marks: c.marks ?? [], customMark: c.customMark ?? "", groupIds: c.groupIds }]));
  // Re-render only the rows whose marks or groups (or group names) change.
  const keys = new Set(s.info ? s.info.keys() : [...s.items.keys()].filter((k) => infoOf(s, k) !== NO_INFO));
  for (const k of next.keys()) keys.add(k);
  const before = new Map([...keys].map((k) => [k, JSON.stringify(infoOf(s, k))]));
  const namesChanged = page.groups.length !== s.groups.length || page.groups.some((g) => s.groupNames.get(g.id) !== g.name);
  s.info = next;
  s.marked = conversations;
  s.groups = page.groups;
  s.groupNames = new Map(page.groups.map((g) => [g.id, g.name]));
  for (const k of keys) if (namesChanged || before.get(k) !== JSON.stringify(infoOf(s, k))) rerender(s, k);
  renderGroupsView(s);
  ui.workspace.dataset.groups = "ready";
}

function renderGroupsView(s) {
  const label = (c) => [h("span", { class: `kind kind-${c.type}` }, c.type === "c2c" ? "user" : "group"), " ", idOf(c)];
  ui.groups.replaceChildren(
    ...s.groups.map((g) => {
      const members = s.marked.filter((c) => c.groupIds.includes(g.id));
      return h(
        "section",
        { class: "group", "data-testid": "group", dataset: { groupId: g.id } },
        h("h3", null, h("span", { "data-testid": "group-name" }, g.name), h("small", null, ` #${g.id} · ${members.length} conversation${members.length === 1 ? "" : "s"}`)),
        h(
          "div",
          { class: "group-actions" },
          h("button", { type: "button", dataset: { action: "rename-group", testid: "rename-group" }, "aria-label": `Rename ${g.name}` }, "Rename…"),
          h("button", { type: "button", dataset: { action: "delete-group", testid: "delete-group" }, "aria-label": `Delete ${g.name}` }, "Delete…"),
        ),
        members.length
          ? h(
              "ul",
              null,
              members.map((m) =>
                h(
                  "li",
                  { "data-testid": "group-member", dataset: { key: keyOf(m.conversation) } },
                  label(m.conversation),
                  h("button", { type: "button", dataset: { action: "remove-member", testid: "remove-member" }, "aria-label": `Remove ${idOf(m.conversation)} from ${g.name}` }, "Remove"),
                ),
              ),
            )
          : h("p", { class: "muted" }, "No conversations"),
      );
    }),
  );
  if (!s.groups.length) ui.groups.append(h("p", { class: "muted" }, "No conversation groups yet."));
  renderGroupChoice(s);
  const rows = document.createDocumentFragment();
  for (const c of s.marked) {
    rows.append(
      h(
        "tr",
        { "data-testid": "marked-row", dataset: { key: keyOf(c.conversation) } },
        h("td", null, conversationCell(c.conversation)),
        h("td", null, markBadges(c.marks)),
        h("td", null, customMarkBadge(c.customMark)),
        h("td", null, groupChips(c.groupIds, s.groupNames)),
        h("td", null, timeCell(c.timestamp)),
      ),
    );
  }
  ui.markedRows.replaceChildren(rows);
}

// ---------------------------------------------------------------------------------------
// Row actions (one listener on the table for every row)

async function withBusy(s, key, fn) {
  s.busy.add(key);
  rerender(s, key);
  try {
    await fn();
  } catch (err) {
    if (current(s)) showError(err);
  } finally {
    s.busy.delete(key);
    if (current(s)) rerender(s, key);
  }
}

async function togglePin(s, key) {
  const item = s.items.get(key);
  const pin = !item.pinned;
  await withBusy(s, key, async () => {
    await (pin ? client.pin : client.unpin).call(client, s.account, [item.conversation], { signal: s.abort.signal });
    if (!current(s)) return;
    s.items.set(key, { ...item, pinned: pin });
    placeRow(s, key);
    updateListStatus();
    notify(`${pin ? "Pinned" : "Unpinned"} ${idOf(item.conversation)}.`);
  });
}

/** Moves a row into its section, before the first row with an older last message. */
function placeRow(s, key) {
  const item = s.items.get(key);
  const tbody = item.pinned ? ui.pinnedRows : ui.rows;
  const row = s.rows.get(key);
  row.remove();
  for (const other of tbody.querySelectorAll(":scope > tr[data-key]")) {
    if (s.items.get(other.dataset.key).msgTime < item.msgTime) return other.before(row);
  }
  tbody.append(row);
}

function onTableClick(event) {
  const button = event.target.closest("button[data-action]");
  const row = button?.closest("tr[data-key]");
  if (!row || !session) return;
  const key = row.dataset.key;
  if (button.dataset.action === "marks") openMarkEditor(session, key);
  else if (button.dataset.action === "delete") deleteConversation(session, key);
  else togglePin(session, key);
}

function onTableChange(event) {
  const box = event.target;
  const row = box.closest("tr[data-key]");
  if (!row || !session || box.dataset.testid !== "select") return;
  if (box.checked) session.selected.add(row.dataset.key);
  else session.selected.delete(row.dataset.key);
  row.classList.toggle("selected", box.checked);
  updateSelection();
}

function updateSelection() {
  const n = session?.selected.size ?? 0;
  ui.selectionCount.textContent = `${n} selected`;
  ui.createGroup.disabled = n === 0;
  ui.addToGroup.disabled = ui.removeFromGroup.disabled = n === 0 || !ui.targetGroup.value;
}

/** Unticks the given rows (after an action on the selection succeeded). */
function clearSelection(s, keys) {
  for (const k of keys) {
    s.selected.delete(k);
    const row = s.rows.get(k);
    row?.classList.remove("selected");
    const box = row?.querySelector("[data-testid=select]");
    if (box) box.checked = false;
  }
}

// ---------------------------------------------------------------------------------------
// Mark editor (one dialog, filled for the row it was opened from)

for (let bit = 32; bit < 64; bit++) {
  ui.appBits.append(h("label", null, h("input", { type: "checkbox", dataset: { bit, testid: `mark-bit-${bit}` } }), String(bit)));
}
const bitBoxes = [...ui.markForm.querySelectorAll("input[data-bit]")];
let editing = null;

function openMarkEditor(s, key) {
  const info = infoOf(s, key);
  editing = { s, key, info };
  ui.markTarget.textContent = idOf(s.items.get(key).conversation);
  for (const box of bitBoxes) box.checked = info.marks.includes(Number(box.dataset.bit));
  ui.customMark.value = info.customMark;
  ui.markEditor.returnValue = "";
  ui.markEditor.showModal();
}

async function onMarkEditorClose() {
  const job = editing;
  editing = null;
  if (!job || ui.markEditor.returnValue !== "save" || !current(job.s)) return;
  const { s, key, info } = job;
  const set = [];
  const clear = [];
  for (const box of bitBoxes) {
    const bit = Number(box.dataset.bit);
    if (box.checked && !info.marks.includes(bit)) set.push(bit);
    if (!box.checked && info.marks.includes(bit)) clear.push(bit);
  }
  const customMark = ui.customMark.value;
  const op = { conversation: s.items.get(key).conversation };
  if (set.length) op.set = set;
  if (clear.length) op.clear = clear;
  if (customMark !== info.customMark) op.customMark = customMark;
  if (!op.set && !op.clear && op.customMark === undefined) return notify("No change.");
  clearError();
  await withBusy(s, key, async () => {
    const results = await client.mark(s.account, [op], { signal: s.abort.signal });
    showItemFailures("mark", results);
    const changes = [...set.map((b) => `+${markLabel(b)}`), ...clear.map((b) => `−${markLabel(b)}`)];
    if (op.customMark !== undefined) changes.push(customMark ? `custom mark "${customMark}"` : "custom mark cleared");
    if (results.every((r) => r.ok)) notify(`Marked ${idOf(op.conversation)}: ${changes.join(", ")}.`);
    await refreshGroups(s);
  });
}

// ---------------------------------------------------------------------------------------
// Creating a conversation group from the selected rows

async function createGroup(event) {
  event.preventDefault();
  const s = session;
  if (!s || !s.selected.size) return;
  const keys = [...s.selected];
  const name = ui.groupName.value.trim();
  clearError();
  ui.createGroup.disabled = true;
  try {
    const { group, results } = await client.createGroup(
      s.account,
      { name, conversations: keys.map((k) => s.items.get(k).conversation) },
      { signal: s.abort.signal },
    );
    if (!current(s)) return;
    showItemFailures("create group", results);
    notify(`Created group "${group.name}" (#${group.id}) with ${results.filter((r) => r.ok).length} conversations.`);
    ui.groupName.value = "";
    clearSelection(s, keys);
    await refreshGroups(s);
  } catch (err) {
    if (current(s)) showError(err);
  } finally {
    if (current(s)) updateSelection();
  }
}

// ---------------------------------------------------------------------------------------
// The groups' lifecycle: add or remove conversations, rename, delete (groups go by name)

/** The group choice next to the selection, kept on the same group across refreshes. */
function renderGroupChoice(s) {
  const chosen = ui.targetGroup.value;
  ui.targetGroup.replaceChildren(
    ...(s.groups.length
      ? s.groups.map((g) => h("option", { value: String(g.id) }, `${g.name} (#${g.id})`))
      : [h("option", { value: "" }, "no groups yet")]),
  );
  if (s.groups.some((g) => String(g.id) === chosen)) ui.targetGroup.value = chosen;
  updateSelection();
}

/** updateGroup with one list (`add` or `remove`); its per-item results, or null when the call failed. */
async function changeMembers(s, group, op, conversations) {
  clearError();
  try {
    const { results } = await client.updateGroup(s.account, { name: group.name, [op]: conversations }, { signal: s.abort.signal });
    if (!current(s)) return null;
    showItemFailures(op === "add" ? "add to group" : "remove from group", results);
    const done = results.filter((r) => r.ok).length;
    notify(`${op === "add" ? "Added" : "Removed"} ${done} of ${results.length} conversation${results.length === 1 ? "" : "s"} ${op === "add" ? "to" : "from"} "${group.name}".`);
    await refreshGroups(s);
    return results;
  } catch (err) {
    if (current(s)) showError(err);
    return null;
  }
}

async function changeSelected(op) {
  const s = session;
  const group = s?.groups.find((g) => String(g.id) === ui.targetGroup.value);
  if (!s || !group || !s.selected.size) return;
  const keys = [...s.selected];
  ui.addToGroup.disabled = ui.removeFromGroup.disabled = true;
  const results = await changeMembers(s, group, op, keys.map((k) => s.items.get(k).conversation));
  if (!current(s)) return;
  // What failed stays selected, to try again or act on otherwise.
  if (results) clearSelection(s, results.filter((r) => r.ok).map((r) => keyOf(r.conversation)));
  updateSelection();
}

function onGroupsClick(event) {
  const button = event.target.closest("button[data-action]");
  const s = session;
  const group = s?.groups.find((g) => String(g.id) === button?.closest("[data-group-id]")?.dataset.groupId);
  if (!group) return;
  const action = button.dataset.action;
  if (action === "rename-group") renameGroup(s, group);
  else if (action === "delete-group") deleteGroup(s, group);
  else if (action === "remove-member") {
    const member = s.marked.find((c) => keyOf(c.conversation) === button.closest("li").dataset.key);
    if (member) changeMembers(s, group, "remove", [member.conversation]);
  }
}

/** Opens a modal <dialog>; resolves with its returnValue once it closes ("" on Escape). */
function ask(dialog) {
  dialog.returnValue = "";
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true }));
}

/** Asks before an irreversible delete; `clearHistory` offers that option too. */
async function confirmDelete(title, text, { clearHistory = false } = {}) {
  ui.confirmTitle.textContent = title;
  ui.confirmText.textContent = text;
  ui.clearHistoryField.hidden = !clearHistory;
  ui.clearHistory.checked = false;
  const confirmed = (await ask(ui.confirmDialog)) === "confirm";
  return { confirmed, clearHistory: clearHistory && ui.clearHistory.checked };
}

async function renameGroup(s, group) {
  ui.renameTarget.textContent = `"${group.name}"`;
  ui.renameInput.value = group.name;
  const answer = await ask(ui.renameDialog);
  const newName = ui.renameInput.value.trim();
  if (answer !== "save" || !current(s)) return;
  if (newName === group.name) return notify("No change.");
  clearError();
  try {
    const renamed = await client.renameGroup(s.account, { name: group.name, newName }, { signal: s.abort.signal });
    if (!current(s)) return;
    notify(`Renamed group "${group.name}" to "${renamed.name}".`);
    await refreshGroups(s);
  } catch (err) {
    if (current(s)) showError(err);
  }
}

async function deleteGroup(s, group) {
  const members = s.marked.filter((c) => c.groupIds.includes(group.id)).length;
  const { confirmed } = await confirmDelete(
    `Delete group "${group.name}"?`,
    `The group is deleted; its ${members} conversation${members === 1 ? "" : "s"} stay in ${s.account}'s conversation list.`,
  );
  if (!confirmed || !current(s)) return;
  clearError();
  try {
    const deleted = await client.deleteGroup(s.account, group.name, { signal: s.abort.signal });
    if (!current(s)) return;
    notify(`Deleted group "${deleted.name}" (#${deleted.id}).`);
    await refreshGroups(s);
  } catch (err) {
    if (current(s)) showError(err);
  }
}

// ---------------------------------------------------------------------------------------
// Deleting a conversation (after a confirmation)

async function deleteConversation(s, key) {
  const { conversation } = s.items.get(key);
  const answer = await confirmDelete(
    `Delete conversation ${idOf(conversation)}?`,
    `It is removed from ${s.account}'s conversation list. Its messages stay in the cloud unless you clear them too.`,
    { clearHistory: true },
  );
  if (!answer.confirmed || !current(s)) return;
  clearError();
  await withBusy(s, key, async () => {
    const opts = { signal: s.abort.signal };
    if (answer.clearHistory) opts.clearHistory = true;
    await client.deleteConversation(s.account, conversation, opts);
    if (!current(s)) return;
    removeRow(s, key);
    notify(`Deleted ${idOf(conversation)}${answer.clearHistory ? " and its roaming messages" : ""}.`);
    await refreshGroups(s);
  });
}

/** Forgets a deleted conversation: its row, item and selection. */
function removeRow(s, key) {
  s.rows.get(key)?.remove();
  s.rows.delete(key);
  s.items.delete(key);
  s.selected.delete(key);
  updateSelection();
  updateListStatus();
}

// ---------------------------------------------------------------------------------------

function showTab(groups) {
  ui.tabConversations.setAttribute("aria-selected", String(!groups));
  ui.tabGroups.setAttribute("aria-selected", String(groups));
  ui.conversationsView.hidden = groups;
  ui.groupsView.hidden = !groups;
}

ui.region.addEventListener("change", syncEndpointField);
ui.connectForm.addEventListener("submit", connect);
ui.disconnect.addEventListener("click", () => {
  disconnect();
  clearError();
  notify("Disconnected; the client and its UserSig are gone.");
});
ui.accountForm.addEventListener("submit", openAccount);
ui.loadMore.addEventListener("click", () => loadMore(session));
ui.loadAll.addEventListener("click", () => loadAll(session));
ui.table.addEventListener("click", onTableClick);
ui.table.addEventListener("change", onTableChange);
ui.groupForm.addEventListener("submit", createGroup);
ui.markEditor.addEventListener("close", onMarkEditorClose);
ui.targetGroup.addEventListener("change", updateSelection);
ui.addToGroup.addEventListener("click", () => changeSelected("add"));
ui.removeFromGroup.addEventListener("click", () => changeSelected("remove"));
ui.groups.addEventListener("click", onGroupsClick);
// Enter in the name field renames (implicit submission would press the first button, Cancel).
ui.renameInput.addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  ui.renameDialog.close("save");
});
ui.tabConversations.addEventListener("click", () => showTab(false));
ui.tabGroups.addEventListener("click", () => showTab(true));
ui.error.querySelector("[data-testid=dismiss-error]").addEventListener("click", clearError);

// The package's regions, the default first and selected, before "custom".
ui.region.prepend(...REGIONS.map((r) => h("option", { value: r }, r)));
ui.region.value = REGIONS[0];
prefillFromQuery();
document.body.dataset.ready = "true";

// DOM building blocks: conversation keys and labels, badges, rows. No state here.

export const MARK_NAMES = { 0: "favorite", 1: "unread", 2: "collapsed", 3: "hidden" };

/** One string per conversation, to merge get_list items with get_contact_group entries. */
export const keyOf = (c) => (c.type === "c2c" ? `c2c:${c.userId}` : `group:${c.groupId}`);
export const idOf = (c) => (c.type === "c2c" ? c.userId : c.groupId);
export const markLabel = (bit) => MARK_NAMES[bit] ?? `bit ${bit}`;

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** `h("span", { class: "x", dataset: { a: 1 } }, "text", child)` → element. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "class") el.className = v;
    else if (k in el && k !== "type" && !k.startsWith("aria")) el[k] = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  el.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return el;
}

/** Unix seconds → a <time> in the browser's local time zone; 0 means no messages yet. */
export function timeCell(secs) {
  if (!secs) return h("span", { class: "muted", "data-testid": "msg-time" }, "no messages");
  const date = new Date(secs * 1000);
  return h("time", { datetime: date.toISOString(), title: date.toISOString(), "data-testid": "msg-time" }, timeFormat.format(date));
}

export function conversationCell(c) {
  return [
    h("span", { class: `kind kind-${c.type}` }, c.type === "c2c" ? "user" : "group"),
    h("span", { class: "cid", "data-testid": "conversation-id" }, idOf(c)),
  ];
}

export function markBadges(marks) {
  return (marks ?? []).map((bit) =>
    h("span", { class: `badge ${MARK_NAMES[bit] ? `mark-${MARK_NAMES[bit]}` : "mark-bit"}`, "data-testid": "mark", dataset: { bit } }, markLabel(bit)),
  );
}

export function customMarkBadge(customMark) {
  return customMark ? h("span", { class: "badge custom", "data-testid": "custom-mark" }, customMark) : null;
}

export function groupChips(groupIds, groupNames) {
  return (groupIds ?? []).map((id) =>
    h("span", { class: "chip", "data-testid": "group-chip", dataset: { groupId: id } }, groupNames.get(id) ?? `#${id}`),
  );
}

/**
 * One conversation row. `info` holds the merged marks/custom mark/groups. Buttons carry
 * `data-action`; the table handles every click and change itself (event delegation).
 */
export function conversationRow(key, item, info, { selected, busy, groupNames }) {
  const c = item.conversation;
  const label = idOf(c);
  return h(
    "tr",
    { class: [item.pinned && "pinned", selected && "selected"].filter(Boolean).join(" "), dataset: { key, pinned: item.pinned, testid: "row" } },
    h("td", { class: "col-select" }, h("input", { type: "checkbox", checked: selected, "data-testid": "select", "aria-label": `Select ${label}` })),
    h("td", { class: "col-conversation", title: item.pinned ? "Pinned" : null }, conversationCell(c)),
    h("td", { class: "col-time" }, timeCell(item.msgTime)),
    h("td", { "data-testid": "marks" }, markBadges(info.marks)),
    h("td", null, customMarkBadge(info.customMark)),
    h("td", { "data-testid": "groups" }, groupChips(info.groupIds, groupNames)),
    h(
      "td",
      { class: "col-actions" },
      h("button", { type: "button", disabled: busy, dataset: { action: item.pinned ? "unpin" : "pin", testid: item.pinned ? "unpin" : "pin" } }, item.pinned ? "Unpin" : "Pin"),
      h("button", { type: "button", disabled: busy, dataset: { action: "marks", testid: "edit-marks" } }, "Marks…"),
      h("button", { type: "button", disabled: busy, dataset: { action: "delete", testid: "delete-conversation" }, "aria-label": `Delete ${label}` }, "Delete…"),
    ),
  );
}

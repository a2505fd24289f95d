// The console: an account page for every user, admin pages for administrators, routed by the URL's fragment.
// Everything on screen is built with textContent (never HTML from data), and every error is a sentence.
import { ApiError, SignedOut, call, onRefreshed, onSignedOut, resume, signIn, signOut } from "./api.js";

const view = document.getElementById("view");
let me = null;
let signInMessage = "";

// ---- small DOM helpers ------------------------------------------------------------------------------------------

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function field(label, input, hint) {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) input.setAttribute("aria-describedby", hintId);
  return h("div", { class: "field" }, h("label", { for: id }, label), input, hint ? h("p", { class: "hint", id: hintId }, hint) : null);
}

function when(iso) {
  if (!iso) return "never";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function table(caption, headings, rows, empty) {
  if (rows.length === 0) return h("p", { class: "empty" }, empty);
  return h("div", { class: "table-wrap", role: "region", "aria-label": caption, tabindex: 0 },
    h("table", {},
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, headings.map((heading) => h("th", { scope: "col" }, heading)))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((cell) => h("td", {}, cell)))))));
}

/** A live region for the page's outcome: successes politely, errors as alerts. */
function notices() {
  const status = h("p", { class: "notice ok", role: "status", "aria-live": "polite" });
  const alert = h("p", { class: "notice error", role: "alert" });
  return {
    elements: [status, alert],
    ok(text) {
      alert.textContent = "";
      status.textContent = text;
    },
    error(text) {
      status.textContent = "";
      alert.textContent = text;
    },
    clear() {
      status.textContent = "";
      alert.textContent = "";
    },
  };
}

/** Runs an action from a button or form: the button is busy meanwhile; an error becomes the page's alert. */
async function act(notice, button, work) {
  notice.clear();
  if (button) button.disabled = true;
  try {
    await work();
  } catch (error) {
    if (error instanceof SignedOut) return; // the sign-in page says why
    notice.error(error instanceof ApiError ? error.message : "Something went wrong. Try again.");
  } finally {
    if (button && button.isConnected) button.disabled = false;
  }
}

const dialog = document.getElementById("confirm");

/** Asks in a modal dialog; resolves true only when the person confirms. */
function confirmAction(title, text, confirmLabel) {
  document.getElementById("confirm-title").textContent = title;
  document.getElementById("confirm-text").textContent = text;
  document.getElementById("confirm-yes").textContent = confirmLabel;
  dialog.returnValue = "";
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "yes"), { once: true }));
}

function page(title, ...content) {
  view.replaceChildren(h("h1", { tabindex: -1 }, title), ...content);
  document.title = `${title} · TokenVersioning console`;
  view.querySelector("h1").focus();
}

// ---- session and navigation -------------------------------------------------------------------------------------

function isAdmin() {
  return Array.isArray(me?.roles) && me.roles.includes("admin");
}

function showChrome() {
  const signedIn = me !== null;
  document.getElementById("nav").hidden = !signedIn;
  document.getElementById("who").hidden = !signedIn;
  document.getElementById("who-email").textContent = signedIn ? `Signed in as ${me.email}` : "";
  for (const item of document.querySelectorAll(".admin-only")) item.hidden = !isAdmin();
  for (const link of document.querySelectorAll("#nav a")) {
    const current = location.hash.startsWith(link.getAttribute("href"));
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

onSignedOut((reason) => {
  me = null;
  signInMessage = reason.message;
  location.hash = "#/signin";
  route();
});

// A refresh may bring other roles (an admin granted or removed one): the menu follows.
onRefreshed(async () => {
  if (me === null) return;
  const before = isAdmin();
  me = await call("GET", "/api/users/me");
  if (before !== isAdmin()) showChrome();
});

document.getElementById("sign-out").addEventListener("click", async () => {
  try {
    await signOut();
  } catch {
    // signed out locally either way
  }
  me = null;
  signInMessage = "You signed out.";
  location.hash = "#/signin";
});

async function loadMe() {
  me = await call("GET", "/api/users/me");
}

function params() {
  const query = location.hash.split("?")[1] ?? "";
  return new URLSearchParams(query);
}

async function route() {
  const path = location.hash.replace(/^#/, "").split("?")[0] || "/account";
  if (path === "/signin" || me === null) {
    if (path !== "/signin") location.hash = "#/signin";
    showChrome();
    return renderSignIn();
  }
  showChrome();
  try {
    if (path === "/account") return await renderAccount();
    if (!isAdmin()) return page("Not available", h("p", {}, "This page is for administrators."));
    if (path === "/admin/users") return await renderUsers();
    const user = path.match(/^\/admin\/users\/([0-9a-f-]{36})$/);
    if (user) return await renderUser(user[1]);
    if (path === "/admin/audit") return await renderAudit();
    if (path === "/admin/clients") return await renderClients();
    page("Not found", h("p", {}, "There is no such page. "), h("a", { href: "#/account" }, "Go to your account"));
  } catch (error) {
    if (error instanceof SignedOut) return;
    page("Something went wrong", h("p", { role: "alert" }, error instanceof ApiError ? error.message : "The page could not be shown. Reload to try again."));
  }
}

window.addEventListener("hashchange", route);

// ---- sign-in ----------------------------------------------------------------------------------------------------

function renderSignIn() {
  const notice = notices();
  const email = h("input", { type: "email", name: "email", autocomplete: "username", required: true });
  const password = h("input", { type: "password", name: "password", autocomplete: "current-password", required: true });
  const submit = h("button", { type: "submit" }, "Sign in");
  const form = h("form", { class: "card", novalidate: true }, field("Email", email), field("Password", password), submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!email.value || !password.value) return notice.error("Enter your email and password.");
    act(notice, submit, async () => {
      await signIn(email.value.trim(), password.value);
      signInMessage = "";
      await loadMe();
      location.hash = "#/account";
      route();
    });
  });
  page("Sign in", ...notice.elements, form);
  if (signInMessage) notice.error(signInMessage);
}

// ---- account ----------------------------------------------------------------------------------------------------

function deviceLabel(session) {
  const device = session.device ?? "Unknown device";
  return session.deviceName ? `${device} (${session.deviceName})` : device;
}

async function renderAccount() {
  const notice = notices();
  const sessions = await call("GET", "/api/sessions");
  const rows = sessions.map((s) => [
    h("span", {}, deviceLabel(s), s.current ? h("strong", { class: "badge" }, "This device") : null),
    when(s.createdAt),
    `${when(s.lastUsedAt)}${s.lastUsedFrom ? ` from ${s.lastUsedFrom}` : ""}`,
    s.current
      ? ""
      : h("button", {
          type: "button", class: "secondary", "aria-label": `Sign out ${deviceLabel(s)}`,
          onclick: (event) => act(notice, event.currentTarget, async () => {
            await call("DELETE", `/api/sessions/${s.id}`);
            await renderAccount();
            announce(`${deviceLabel(s)} was signed out.`);
          }),
        }, "Sign out"),
  ]);

  const others = h("button", { type: "button", class: "secondary" }, "Sign out all other devices");
  others.addEventListener("click", () => act(notice, others, async () => {
    await call("POST", "/api/auth/logout-others");
    await renderAccount();
    announce("Every other device was signed out.");
  }));
  const everywhere = h("button", { type: "button", class: "danger" }, "Sign out everywhere");
  everywhere.addEventListener("click", () => act(notice, everywhere, async () => {
    if (!(await confirmAction("Sign out everywhere?", "Every device, this one included, will have to sign in again.", "Sign out everywhere"))) return;
    await call("POST", "/api/auth/logout-all");
    me = null;
    signInMessage = "You signed out everywhere.";
    location.hash = "#/signin";
  }));

  const current = h("input", { type: "password", autocomplete: "current-password", required: true });
  const next = h("input", { type: "password", autocomplete: "new-password", required: true, minlength: 12, maxlength: 128 });
  const repeat = h("input", { type: "password", autocomplete: "new-password", required: true });
  const change = h("button", { type: "submit" }, "Change password");
  const passwordForm = h("form", { class: "card", novalidate: true, "aria-labelledby": "password-heading" },
    h("h2", { id: "password-heading" }, "Change password"),
    field("Current password", current),
    field("New password", next, "12 to 128 characters. Your other devices will be signed out."),
    field("Repeat the new password", repeat),
    change);
  passwordForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (next.value !== repeat.value) return notice.error("The new passwords do not match.");
    act(notice, change, async () => {
      await call("POST", "/api/users/me/password", { currentPassword: current.value, newPassword: next.value });
      await renderAccount();
      announce("Your password was changed. Your other devices were signed out.");
    });
  });

  const update = h("button", { type: "button", class: "secondary" }, "Update the list");
  update.addEventListener("click", () => act(notice, update, async () => {
    await renderAccount();
    announce("The list is up to date.");
  }));

  page("Your account", ...notice.elements,
    h("dl", { class: "facts" },
      h("dt", {}, "Email"), h("dd", {}, me.email),
      h("dt", {}, "Name"), h("dd", {}, me.displayName ?? "—"),
      h("dt", {}, "Roles"), h("dd", {}, me.roles.join(", "))),
    h("h2", {}, "Your devices"),
    table("Devices signed in to your account", ["Device", "Signed in", "Last used", "Action"], rows, "No device is signed in."),
    h("div", { class: "actions" }, update, others, everywhere),
    passwordForm);
}

/** After a re-render, the new page's status region says what happened. */
function announce(text) {
  const status = view.querySelector("[role=status]");
  if (status) status.textContent = text;
}

// ---- admin: users -----------------------------------------------------------------------------------------------

async function renderUsers() {
  const query = params();
  const pageNumber = Math.max(1, Number(query.get("page")) || 1);
  const email = query.get("email") ?? "";
  const search = new URLSearchParams({ page: String(pageNumber), pageSize: "20" });
  if (email) search.set("email", email);
  const result = await call("GET", `/api/admin/users?${search}`);
  const notice = notices();

  const input = h("input", { type: "search", name: "email", value: email, maxlength: 254 });
  const form = h("form", { class: "inline", role: "search" }, field("Email contains", input), h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = `#/admin/users?${new URLSearchParams({ email: input.value.trim(), page: "1" })}`;
  });

  const rows = result.items.map((u) => [
    h("a", { href: `#/admin/users/${u.id}` }, u.email),
    u.displayName ?? "—",
    u.roles.join(", "),
    u.disabled ? h("span", { class: "status disabled" }, "Disabled") : h("span", { class: "status" }, "Active"),
    String(u.tokenVersion),
    when(u.createdAt),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / 20));
  const pager = h("nav", { class: "pager", "aria-label": "Pages of users" },
    h("a", { href: `#/admin/users?${new URLSearchParams({ email, page: String(pageNumber - 1) })}`, hidden: pageNumber <= 1 }, "Previous page"),
    h("span", {}, `Page ${pageNumber} of ${pages} (${result.total} user${result.total === 1 ? "" : "s"})`),
    h("a", { href: `#/admin/users?${new URLSearchParams({ email, page: String(pageNumber + 1) })}`, hidden: pageNumber >= pages }, "Next page"));
  page("Users", ...notice.elements, form,
    table("Users", ["Email", "Name", "Roles", "Status", "Token version", "Created"], rows, "No user matches."), pager);
}

function auditRows(items) {
  return items.map((a) => [
    when(a.at),
    a.userEmail ?? a.userId,
    a.event,
    a.actor.kind === "system" ? "the service" : `${a.actor.name ?? a.actor.id ?? "unknown"} (${a.actor.kind === "client" ? "API client" : "user"})`,
    a.reason ?? "—",
    a.from ?? "—",
  ]);
}

const auditHeadings = ["Time", "User", "Event", "By", "Reason", "Address"];

async function renderUser(id) {
  const notice = notices();
  const user = await call("GET", `/api/admin/users/${id}`);
  const audit = await call("GET", `/api/admin/audit?${new URLSearchParams({ userId: id, pageSize: "10" })}`);
  const rerender = async (message) => {
    await renderUser(id);
    announce(message);
  };

  const reason = h("input", { type: "text", maxlength: 500 });
  const button = (label, kind, work) => {
    const element = h("button", { type: "button", class: kind }, label);
    element.addEventListener("click", () => act(notice, element, work));
    return element;
  };
  const isAdminUser = user.roles.includes("admin");
  const actions = h("div", { class: "actions" },
    button("Revoke all sessions", "secondary", async () => {
      await call("POST", `/api/admin/users/${id}/revoke-sessions`, { reason: reason.value || null });
      await rerender("Every session of this user was ended.");
    }),
    user.disabled
      ? button("Enable", "secondary", async () => {
          await call("POST", `/api/admin/users/${id}/enable`, { reason: reason.value || null });
          await rerender("The user was enabled.");
        })
      : button("Disable", "danger", async () => {
          await call("POST", `/api/admin/users/${id}/disable`, { reason: reason.value || null });
          await rerender("The user was disabled and signed out everywhere.");
        }),
    button(isAdminUser ? "Remove admin role" : "Grant admin role", "secondary", async () => {
      const roles = isAdminUser ? user.roles.filter((r) => r !== "admin") : [...user.roles, "admin"];
      await call("PUT", `/api/admin/users/${id}/roles`, { roles: roles.length > 0 ? roles : ["user"] });
      await rerender(isAdminUser ? "The admin role was removed." : "The admin role was granted; it applies from the user's next refresh.");
    }),
    button("Clear sign-in delay", "secondary", async () => {
      await call("POST", `/api/admin/users/${id}/unlock`);
      await rerender("The sign-in delay was cleared.");
    }),
    button("Delete user", "danger", async () => {
      if (!(await confirmAction("Delete this user?", `${user.email} and every session of the account will be deleted. This cannot be undone.`, "Delete user"))) return;
      await call("DELETE", `/api/admin/users/${id}`);
      location.hash = "#/admin/users";
    }));

  const sessionRows = user.activeSessions.map((s) => [
    deviceLabel(s),
    s.userAgent ?? "—",
    `${when(s.createdAt)}${s.createdFrom ? ` from ${s.createdFrom}` : ""}`,
    `${when(s.lastUsedAt)}${s.lastUsedFrom ? ` from ${s.lastUsedFrom}` : ""}`,
    h("button", {
      type: "button", class: "secondary", "aria-label": `End session ${deviceLabel(s)}`,
      onclick: (event) => act(notice, event.currentTarget, async () => {
        await call("DELETE", `/api/admin/users/${id}/sessions/${s.id}`);
        await rerender(`The session ${deviceLabel(s)} was ended.`);
      }),
    }, "End session"),
  ]);

  page(user.email, ...notice.elements,
    h("p", {}, h("a", { href: "#/admin/users" }, "All users")),
    h("dl", { class: "facts" },
      h("dt", {}, "Name"), h("dd", {}, user.displayName ?? "—"),
      h("dt", {}, "Roles"), h("dd", {}, user.roles.join(", ")),
      h("dt", {}, "Status"), h("dd", {}, user.disabled ? "Disabled" : "Active"),
      h("dt", {}, "Token version"), h("dd", {}, String(user.tokenVersion)),
      h("dt", {}, "Created"), h("dd", {}, when(user.createdAt))),
    h("h2", {}, "Actions"),
    field("Reason (kept in the audit log)", reason, "Optional; used by revoke, disable and enable."),
    actions,
    h("h2", {}, "Sessions"),
    table(`Sessions of ${user.email}`, ["Device", "User agent", "Signed in", "Last used", "Action"], sessionRows, "No active session."),
    h("h2", {}, "Recent audit entries"),
    table(`Recent audit entries of ${user.email}`, auditHeadings, auditRows(audit.items), "No entry yet."),
    h("p", {}, h("a", { href: `#/admin/audit?${new URLSearchParams({ userId: id })}` }, "The whole audit log of this user")));
}

// ---- admin: audit -----------------------------------------------------------------------------------------------

const auditEvents = [
  "login", "login_failed", "logout", "logout_all", "logout_others", "session_revoked", "password_changed",
  "refresh_token_reused", "admin_revoke_sessions", "admin_session_revoked", "user_disabled", "user_enabled",
  "user_deleted", "roles_changed", "session_limit_reached", "sign_in_unlocked", "client_created", "client_deleted",
];

async function renderAudit() {
  const query = params();
  const notice = notices();
  const pageNumber = Math.max(1, Number(query.get("page")) || 1);
  const search = new URLSearchParams({ page: String(pageNumber), pageSize: "25" });
  for (const key of ["userId", "actorId", "event", "from", "to"]) if (query.get(key)) search.set(key, query.get(key));
  const result = await call("GET", `/api/admin/audit?${search}`);

  const userEmail = h("input", { type: "email", value: query.get("userEmail") ?? "" });
  const actorEmail = h("input", { type: "email", value: query.get("actorEmail") ?? "" });
  const event = h("select", {}, h("option", { value: "" }, "Any event"),
    auditEvents.map((e) => h("option", { value: e, selected: query.get("event") === e }, e)));
  const from = h("input", { type: "datetime-local", value: query.get("fromLocal") ?? "" });
  const to = h("input", { type: "datetime-local", value: query.get("toLocal") ?? "" });
  const submit = h("button", { type: "submit" }, "Filter");
  const form = h("form", { class: "filters", "aria-label": "Filter the audit log" },
    field("User email", userEmail), field("Actor email", actorEmail), field("Event", event), field("From", from), field("To", to), submit);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    act(notice, submit, async () => {
      const next = new URLSearchParams();
      for (const [input, key, emailKey] of [[userEmail, "userId", "userEmail"], [actorEmail, "actorId", "actorEmail"]]) {
        if (!input.value.trim()) continue;
        const id = await userIdOf(input.value.trim());
        if (!id) throw new ApiError(`No user has the email ${input.value.trim()}.`, 400, "unknown_email");
        next.set(key, id);
        next.set(emailKey, input.value.trim());
      }
      if (event.value) next.set("event", event.value);
      if (from.value) { next.set("from", new Date(from.value).toISOString()); next.set("fromLocal", from.value); }
      if (to.value) { next.set("to", new Date(to.value).toISOString()); next.set("toLocal", to.value); }
      location.hash = `#/admin/audit?${next}`;
    });
  });

  const pages = Math.max(1, Math.ceil(result.total / 25));
  const link = (n) => { const p = new URLSearchParams(query); p.set("page", String(n)); return `#/admin/audit?${p}`; };
  page("Audit log", ...notice.elements, form,
    table("Audit log entries, newest first", auditHeadings, auditRows(result.items), "No entry matches."),
    h("nav", { class: "pager", "aria-label": "Pages of the audit log" },
      h("a", { href: link(pageNumber - 1), hidden: pageNumber <= 1 }, "Previous page"),
      h("span", {}, `Page ${pageNumber} of ${pages} (${result.total} entr${result.total === 1 ? "y" : "ies"})`),
      h("a", { href: link(pageNumber + 1), hidden: pageNumber >= pages }, "Next page")));
}

/** The id of the user with exactly this email (the search matches substrings). */
async function userIdOf(email) {
  const result = await call("GET", `/api/admin/users?${new URLSearchParams({ email, pageSize: "100" })}`);
  return result.items.find((u) => u.email.toLowerCase() === email.toLowerCase())?.id ?? null;
}

// ---- admin: API clients -----------------------------------------------------------------------------------------

async function renderClients(created) {
  const notice = notices();
  const list = await call("GET", "/api/admin/clients");
  const name = h("input", { type: "text", maxlength: 100, required: true });
  const submit = h("button", { type: "submit" }, "Create API client");
  const form = h("form", { class: "inline", "aria-label": "Create an API client" }, field("Name", name), submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!name.value.trim()) return notice.error("Enter a name for the API client.");
    act(notice, submit, async () => {
      const client = await call("POST", "/api/admin/clients", { name: name.value.trim() });
      await renderClients(client);
    });
  });

  let secretPanel = null;
  if (created) {
    const copied = h("p", { role: "status", "aria-live": "polite" });
    const copy = h("button", { type: "button", class: "secondary" }, "Copy the secret");
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(created.clientSecret);
        copied.textContent = "The secret was copied.";
      } catch {
        copied.textContent = "The secret could not be copied; select it and copy it by hand.";
      }
    });
    secretPanel = h("section", { class: "card secret", "aria-labelledby": "secret-heading" },
      h("h2", { id: "secret-heading" }, `API client "${created.name}" created`),
      h("p", {}, "Copy the secret now: it is shown this once and cannot be read again."),
      h("dl", { class: "facts" },
        h("dt", {}, "Client id"), h("dd", {}, h("code", { id: "created-client-id" }, created.clientId)),
        h("dt", {}, "Secret"), h("dd", {}, h("code", { id: "created-secret" }, created.clientSecret))),
      copy, copied);
  }

  const rows = list.items.map((c) => [
    c.name,
    h("code", {}, c.clientId),
    when(c.createdAt),
    when(c.lastUsedAt),
    h("button", {
      type: "button", class: "danger", "aria-label": `Delete API client ${c.name}`,
      onclick: (event) => act(notice, event.currentTarget, async () => {
        if (!(await confirmAction("Delete this API client?", `${c.name} will stop working at once and its event streams will close.`, "Delete API client"))) return;
        await call("DELETE", `/api/admin/clients/${c.id}`);
        await renderClients();
        announce(`${c.name} was deleted.`);
      }),
    }, "Delete"),
  ]);
  page("API clients", ...notice.elements, secretPanel, form,
    table("API clients", ["Name", "Client id", "Created", "Last used", "Action"], rows, "No API client yet."));
}

// ---- start ------------------------------------------------------------------------------------------------------

(async () => {
  const notSignedIn = await resume();
  if (notSignedIn === null) {
    try {
      await loadMe();
    } catch {
      me = null;
    }
  } else {
    signInMessage = notSignedIn;
  }
  if (me && (location.hash === "" || location.hash === "#/signin")) location.hash = "#/account";
  route();
})();

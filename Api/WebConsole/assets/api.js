// The console's only way to the service: the public HTTP API. The access token lives in this module's memory;
// the refresh token only in the HttpOnly cookie the service sets (the browser token mode), which script cannot
// read. Several tabs share that cookie and so the session; a refresh in flight is shared within a tab.

const csrf = { "X-TokenVersioning-Csrf": "1" };

let accessToken = null;
let refreshing = null;
let signedOutHandler = () => {};
let refreshedHandler = async () => {};

/** An error a person can read: `message` is a sentence, never a JSON dump. */
export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Raised when this device is no longer signed in; `message` says why, in words. */
export class SignedOut extends Error {}

export function onSignedOut(handler) {
  signedOutHandler = handler;
}

/** Called after each refresh: the new access token may carry other roles (an admin changed them). */
export function onRefreshed(handler) {
  refreshedHandler = handler;
}

const endings = {
  password_changed: "Your password was changed. Sign in with the new password.",
  user_disabled: "Your account was disabled.",
  user_deleted: "Your account was deleted.",
  logout: "You signed out.",
  logout_all: "You were signed out from another device.",
  logout_others: "You were signed out from another device.",
  session_revoked: "You were signed out from another device.",
  admin_revoke_sessions: "An administrator signed you out.",
  admin_session_revoked: "An administrator signed you out.",
  session_limit_reached: "You were signed out because too many devices were signed in.",
  refresh_token_reused: "You were signed out because this session was used from two places at once.",
  expired: "Your session expired. Sign in again.",
};

/** Why a refused refresh or token means this device is signed out. */
function endingOf(problem) {
  if (problem.code === "user_disabled") return endings.user_disabled;
  if (problem.code === "refresh_token_reused") return endings.refresh_token_reused;
  return endings[problem.endedBy] ?? "You were signed out. Sign in again.";
}

async function problemOf(response) {
  try {
    const body = await response.json();
    return typeof body === "object" && body !== null ? body : {};
  } catch {
    return {};
  }
}

/** The sentence for a failed answer. */
export function sentenceFor(status, problem, response) {
  if (status === 503) return "The service is unavailable at the moment. Nothing was changed; try again shortly.";
  if (status === 429) {
    const wait = Number(response?.headers.get("Retry-After"));
    return Number.isFinite(wait) && wait > 0
      ? `Too many attempts. Try again in ${wait} second${wait === 1 ? "" : "s"}.`
      : "Too many attempts. Try again in a moment.";
  }
  if (problem.code === "validation_failed" && problem.errors && typeof problem.errors === "object") {
    const messages = Object.values(problem.errors).flat().filter((m) => typeof m === "string");
    if (messages.length > 0) return messages.map((m) => m.replace(/'([a-zA-Z]+)'/g, (_, name) => labelOf(name))).join(" ");
  }
  if (problem.code === "invalid_credentials") return "The email or password is wrong.";
  if (problem.code === "user_disabled") return "This account is disabled.";
  if (typeof problem.detail === "string" && problem.detail.length > 0) return problem.detail;
  return `The request failed (status ${status}). Try again.`;
}

const labels = {
  email: "The email",
  password: "The password",
  currentPassword: "The current password",
  newPassword: "The new password",
  reason: "The reason",
  name: "The name",
  roles: "The roles",
};

function labelOf(name) {
  return labels[name] ?? name;
}

async function send(method, path, body, headers = {}) {
  try {
    return await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("The service could not be reached. Check the connection and try again.", 0, "network");
  }
}

function signOutLocally(message) {
  accessToken = null;
  const error = new SignedOut(message);
  signedOutHandler(error);
  return error;
}

/** Gets a new access token with the cookie; one refresh at a time in this tab. */
export function refresh() {
  refreshing ??= (async () => {
    try {
      const response = await send("POST", "/api/auth/refresh", undefined, csrf);
      if (response.ok) {
        accessToken = (await response.json()).accessToken;
        // Not awaited: the handler calls the API itself, which must not wait on this very refresh.
        setTimeout(() => refreshedHandler().catch(() => {}), 0);
        return;
      }
      const problem = await problemOf(response);
      if (response.status === 401 || response.status === 403) throw signOutLocally(endingOf(problem));
      throw new ApiError(sentenceFor(response.status, problem, response), response.status, problem.code);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * Resumes the session of this browser with its cookie. Answers null when signed in, otherwise why not in words
 * ("" when the browser simply has no session).
 */
export async function resume() {
  let response;
  try {
    response = await send("POST", "/api/auth/refresh", undefined, csrf);
  } catch (error) {
    return error.message;
  }
  if (response.ok) {
    accessToken = (await response.json()).accessToken;
    return null;
  }
  if (response.status === 401) return endingOf(await problemOf(response));
  if (response.status === 400) return ""; // no cookie: never signed in here, or signed out
  return sentenceFor(response.status, await problemOf(response), response);
}

export async function signIn(email, password) {
  const response = await send("POST", "/api/auth/login", {
    email,
    password,
    deviceName: "Browser console",
    refreshTokenDelivery: "cookie",
  });
  if (!response.ok) {
    const problem = await problemOf(response);
    throw new ApiError(sentenceFor(response.status, problem, response), response.status, problem.code);
  }
  accessToken = (await response.json()).accessToken;
}

/** Signs this device out (the service clears the cookie). */
export async function signOut() {
  try {
    await call("POST", "/api/auth/logout", undefined, csrf);
  } finally {
    accessToken = null;
  }
}

/**
 * Calls the API with the access token, refreshing it once when it expired or was revoked (another device's action
 * raised the version: one refresh recovers this device, unless it was signed out too). A token answer (password
 * change, ending another session, signing out other devices) replaces the access token.
 */
export async function call(method, path, body, headers = {}) {
  if (!accessToken) await refresh();
  let response = await send(method, path, body, headers);
  if (response.status === 401) {
    const problem = await problemOf(response.clone());
    if (problem.code === "user_disabled") throw signOutLocally(endings.user_disabled);
    await refresh();
    response = await send(method, path, body, headers);
    if (response.status === 401) throw signOutLocally(endingOf(await problemOf(response)));
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    throw new ApiError(sentenceFor(response.status, problem, response), response.status, problem.code);
  }
  if (response.status === 204) return null;
  const answer = await response.json();
  if (answer && typeof answer.accessToken === "string" && answer.tokenType === "Bearer") accessToken = answer.accessToken;
  return answer;
}

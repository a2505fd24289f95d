// A small client typed from the served OpenAPI document (openapi-typescript + openapi-fetch), compiled with
// `tsc --strict` before it runs: a field, a path or a code that drifts from what this program uses fails the
// compilation, and the answers it gets fail the checks below.
//   node check.js BASE_URL ADMIN_EMAIL ADMIN_PASSWORD
import createClient from "openapi-fetch";
import type { components, paths } from "./api.js";

type Problem = components["schemas"]["Problem"];

const [baseUrl = "", adminEmail = "", adminPassword = ""] = process.argv.slice(2);
const api = createClient<paths>({ baseUrl });

function fail(message: string): never {
  console.error(`typed client: ${message}`);
  process.exit(1);
}

// Logging in: the answer is a typed token pair.
const login = await api.POST("/api/auth/login", { body: { email: adminEmail, password: adminPassword, deviceName: "typed client" } });
if (!login.data) fail(`login answered ${login.response.status}`);
const tokens: components["schemas"]["TokenPair"] = login.data;
if (tokens.tokenType !== "Bearer" || tokens.expiresIn <= 0) fail("the token pair is not what the document says");

// A problem's code: the codes are an enum per operation, so each expected code below only compiles while the
// document lists it for that operation.
const wrong = await api.POST("/api/auth/login", { body: { email: adminEmail, password: "not the password at all" } });
if (!wrong.error) fail("a wrong password was accepted");
const refused: Problem = wrong.error;
const invalidCredentials: typeof wrong.error.code = "invalid_credentials";
if (wrong.response.status !== 401 || wrong.error.code !== invalidCredentials) fail(`a wrong password answered ${wrong.response.status} ${refused.code}`);
if (typeof refused.traceId !== "string" || refused.traceId.length === 0) fail("the problem has no traceId");

// The bearer scheme's refusals, by their enum: a revoked token is `token_revoked`.
const auth = { headers: { Authorization: `Bearer ${tokens.accessToken}` } };
const me = await api.GET("/api/users/me", auth);
if (!me.data || me.data.email.toLowerCase() !== adminEmail.toLowerCase()) fail("GET /api/users/me did not answer the admin");

// An API client, then an introspection form (application/x-www-form-urlencoded) with HTTP Basic.
const created = await api.POST("/api/admin/clients", { ...auth, body: { name: "typed client" } });
if (!created.data) fail(`creating an API client answered ${created.response.status}`);
const basic = "Basic " + Buffer.from(`${encodeURIComponent(created.data.clientId)}:${encodeURIComponent(created.data.clientSecret)}`).toString("base64");
const form = (body: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(body).filter((e): e is [string, string] => e[1] !== undefined)).toString();
const introspect = (token: string) =>
  api.POST("/api/oauth/introspect", {
    body: { token, token_type_hint: "access_token" },
    bodySerializer: form,
    headers: { Authorization: basic, "Content-Type": "application/x-www-form-urlencoded" },
  });

const active = await introspect(tokens.accessToken);
if (!active.data) fail(`introspection answered ${active.response.status}`);
const answer: components["schemas"]["IntrospectionAnswer"] = active.data;
if (answer.active !== true || answer.sub !== me.data.id) fail(`an active token introspected as ${JSON.stringify(answer)}`);

const logout = await api.POST("/api/auth/logout", auth);
if (logout.response.status !== 204) fail(`logout answered ${logout.response.status}`);
const revoked = await api.GET("/api/users/me", auth);
if (!revoked.error) fail("a revoked token was accepted");
const tokenRevoked: typeof revoked.error.code = "token_revoked";
if (revoked.response.status !== 401 || revoked.error.code !== tokenRevoked) fail(`a revoked token answered ${revoked.error.code}`);
const inactive = await introspect(tokens.accessToken);
if (inactive.data?.active !== false) fail("a revoked token introspected as active");

// An OAuth error answer is typed with its RFC 6749 codes.
const noToken = await api.POST("/api/oauth/introspect", {
  body: { token: "" },
  bodySerializer: form,
  headers: { Authorization: basic, "Content-Type": "application/x-www-form-urlencoded" },
});
if (!noToken.error || !("error" in noToken.error)) fail(`an empty token answered ${noToken.response.status}`);
const invalidRequest: typeof noToken.error.error = "invalid_request";
if (noToken.response.status !== 400 || noToken.error.error !== invalidRequest) fail(`an empty token answered ${JSON.stringify(noToken.error)}`);

console.log("typed client: login, a problem's code, the revoked token's code and the introspection form all as the document types them");

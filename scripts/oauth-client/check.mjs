// A standard OAuth client library (oauth4webapi, from npm) configured with nothing but the issuer URL and an API
// client's credentials: it discovers the service (RFC 8414), introspects an active and a revoked token (RFC 7662)
// and revokes one (RFC 7009), each answer through the library's own validation. Exit code 0 when all holds.
//   node check.mjs ISSUER CLIENT_ID CLIENT_SECRET ACTIVE_ACCESS_TOKEN REFRESH_TOKEN_TO_REVOKE REVOKED_ACCESS_TOKEN
import * as oauth from 'oauth4webapi';

const [issuerUrl, clientId, clientSecret, active, toRevoke, revoked] = process.argv.slice(2);
const issuer = new URL(issuerUrl);
// The service runs on loopback over http for this check; the library refuses http unless told.
const insecure = { [oauth.allowInsecureRequests]: true };
const client = { client_id: clientId };
const fail = (what) => { console.error(`FAIL: ${what}`); process.exit(1); };

const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }));
if (!as.introspection_endpoint || !as.revocation_endpoint) fail('the metadata has no introspection or revocation endpoint');
for (const method of ['client_secret_basic', 'client_secret_post']) {
  if (!as.introspection_endpoint_auth_methods_supported?.includes(method)) fail(`introspection does not list ${method}`);
}

for (const [name, auth] of [['client_secret_basic', oauth.ClientSecretBasic(clientSecret)], ['client_secret_post', oauth.ClientSecretPost(clientSecret)]]) {
  const answer = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, auth, active, insecure));
  if (answer.active !== true || typeof answer.sub !== 'string' || answer.token_type !== 'access_token') fail(`${name}: the active token is ${JSON.stringify(answer)}`);
  const gone = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, auth, revoked, insecure));
  if (gone.active !== false) fail(`${name}: the revoked token is ${JSON.stringify(gone)}`);
}

const post = oauth.ClientSecretPost(clientSecret);
const before = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, post, toRevoke, insecure));
if (before.active !== true || before.token_type !== 'refresh_token') fail(`the refresh token before revocation is ${JSON.stringify(before)}`);
await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, post, toRevoke, insecure));
const after = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, post, toRevoke, insecure));
if (after.active !== false) fail(`the refresh token after revocation is ${JSON.stringify(after)}`);

console.log(`oauth4webapi: discovered ${as.issuer}; introspected an active and a revoked token with both client methods; revoked a refresh token`);

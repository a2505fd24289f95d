// jwt-redis on Node.js: each token's jti is kept in Redis; verify() checks it there on every request, destroy()
// removes it (logout), exactly as the library's README does it.
//   node server.js PORT REDIS_URL USERS_FILE     (USERS_FILE: one "email password" per line)
const http = require("node:http");
const fs = require("node:fs");
const redis = require("redis");
const JWTR = require("jwt-redis").default;

const [port, redisUrl, usersFile] = process.argv.slice(2);
const secret = "a jwt-redis deployment's signing secret";
const users = new Map(fs.readFileSync(usersFile, "utf8").split("\n").filter(Boolean).map((line, i) => {
  const [email, password] = line.split(" ");
  return [email, { id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, email, password }];
}));

const floorBody = { id: "00000000-0000-4000-8000-000000000001", email: "peer1@example.com", displayName: null, roles: [], tokenVersion: 0, createdAt: null };

function send(res, status, body) {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, body === undefined ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function readJson(req) {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (chunk) => { data += chunk; if (data.length > 16384) req.destroy(); });
    req.on("end", () => { try { resolve(JSON.parse(data)); } catch { resolve(null); } });
  });
}

async function main() {
  const client = redis.createClient({ url: redisUrl });
  await client.connect();
  const jwtr = new JWTR(client);

  async function authenticate(req) {
    const header = req.headers.authorization ?? "";
    if (!header.startsWith("Bearer ")) return null;
    try {
      return await jwtr.verify(header.slice(7), secret);
    } catch {
      return null;
    }
  }

  http.createServer(async (req, res) => {
    try {
      if (req.method === "GET" && req.url === "/") return send(res, 200, { peer: "jwt-redis" });
      // The floor: what Node.js's http server answers on this machine with no token check at all.
      if (req.method === "GET" && req.url === "/floor") return send(res, 200, floorBody);
      if (req.method === "POST" && req.url === "/login") {
        const body = await readJson(req);
        const user = body && users.get(body.email);
        if (!user || user.password !== body.password) return send(res, 401, { code: "invalid_credentials" });
        const accessToken = await jwtr.sign({ sub: user.id, email: user.email }, secret, { expiresIn: 7200 });
        return send(res, 200, { accessToken, tokenType: "Bearer", expiresIn: 7200 });
      }
      const claims = await authenticate(req);
      if (!claims) return send(res, 401, { code: "token_invalid" });
      if (req.method === "GET" && req.url === "/me") {
        return send(res, 200, { id: claims.sub, email: claims.email, displayName: null, roles: [], tokenVersion: 0, createdAt: null });
      }
      if (req.method === "POST" && req.url === "/logout") {
        await jwtr.destroy(claims.jti, secret);
        return send(res, 204);
      }
      return send(res, 404, { code: "not_found" });
    } catch {
      return send(res, 500, { code: "internal_error" });
    }
  }).listen(Number(port), "127.0.0.1");
}

main();

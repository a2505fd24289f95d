using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Hostile;

/// <summary>
/// Generated requests on every route the service maps (seeded): any <c>Accept</c>, any <c>Content-Type</c> with any
/// charset, JSON-like, form-like and binary bodies, with no credentials, a user's, an admin's or an API client's.
/// Never a 5xx, never an error that is not a problem (or the OAuth error on the OAuth routes), never an exception's text,
/// and never an answer the OpenAPI document does not declare for that operation: its status, and its problem's
/// <c>code</c> (or OAuth <c>error</c>) among the codes the document lists for that status.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class HostileBodyProperties(ApiFactory factory) : ClientTest(factory)
{
    private const ulong Seed = 20261201;
    private const int Cases = 4_000;

    private static readonly Gen<string> MediaTypes = Gen.OneOf<string>(
        "application/json", "application/problem+json", "application/xml", "text/html", "text/plain", "text/event-stream",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*", "application/*", "image/png", "");

    private static readonly Gen<string> Charsets = Gen.OneOf<string>(
        "", "; charset=utf-8", "; charset=UTF-8", "; charset=utf-16", "; charset=utf-32", "; charset=iso-8859-1", "; charset=utf8",
        "; charset=\"ebcdic\"", "; charset", "; charset=", "; q=0.5", ";;;", "; boundary=");

    private static readonly Gen<string> HeaderNoise = Gen.String[Gen.Char['!', '~'], 0, 40];

    private static readonly Gen<string> ContentTypes = Gen.Frequency(
        (4, Gen.Const("application/json")),
        (2, Gen.Const("application/x-www-form-urlencoded")),
        (6, Gen.Select(MediaTypes, Charsets, (m, c) => m + c)),
        (1, HeaderNoise));

    private static readonly Gen<string> Accepts = Gen.Frequency(
        (6, Gen.Select(MediaTypes, Gen.OneOf<string>("", ";q=0.1", ", text/html;q=0.9"), (m, q) => m + q)),
        (1, HeaderNoise));

    /// <summary>Short texts around a NUL or another control character (PostgreSQL refuses a NUL in text).</summary>
    private static readonly Gen<string> WithControlCharacter =
        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 0, 8], Gen.Frequency((1, Gen.Const('\0')), (1, Gen.Char['\u0001', '\u001f'])), (s, c) => s + c + s);

    private static readonly Gen<string> Strings = Gen.Frequency(
        (4, Gen.String[Gen.Char, 0, 40]),
        (2, WithControlCharacter),
        (1, Gen.String[Gen.Char.AlphaNumeric, 2000, 3000]),
        (1, Gen.OneOf<string>("\0", "a\0b", "\uD800", "\uDFFF\uD800", "%00", "%", "%zz", "&&&", "===", "null", "[]", "{}")));

    private static readonly Gen<string> FormBodies =
        Gen.Select(Gen.OneOf<string>("token", "token_type_hint", "client_id", "client_secret", "x", ""), Strings)
            .Array[0, 4]
            .Select(pairs => string.Join('&', pairs.Select(p => $"{Escape(p.Item1)}={Escape(p.Item2)}")));

    private static readonly Gen<string> JsonBodies =
        Gen.Select(Gen.OneOf<string>("email", "password", "displayName", "deviceName", "refreshToken", "reason", "name",
                "currentPassword", "newPassword", "roles", "refreshTokenDelivery"), Strings, Gen.Int[0, 4])
            .Array[0, 5]
            .Select(fields => "{" + string.Join(',', fields.Select(f => $"{JsonSerializer.Serialize(f.Item1)}:{JsonValue(f.Item2, f.Item3)}")) + "}");

    /// <summary>A body that passes every rule but one generated field, so that the value reaches the service and the database.</summary>
    private static readonly Gen<string> NearlyValidBodies =
        Gen.Select(Gen.OneOf<string>("displayName", "deviceName", "reason", "name", "refreshToken"),
                Gen.Frequency((1, Strings), (1, WithControlCharacter)), Gen.Int[0, 1_000_000])
            .Select(f => $"{{\"email\":\"fuzz{f.Item3}@example.com\",\"password\":\"{Password}\",\"currentPassword\":\"{Password}\",\"newPassword\":\"{Password}!\",\"name\":\"n\",{JsonSerializer.Serialize(f.Item1)}:{JsonSerializer.Serialize(f.Item2)}}}");

    private static readonly Gen<byte[]> Bodies = Gen.Frequency(
        (3, JsonBodies.Select(Encoding.UTF8.GetBytes)),
        (4, NearlyValidBodies.Select(Encoding.UTF8.GetBytes)),
        (3, FormBodies.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.String[Gen.Char, 0, 100].Select(s => Encoding.Unicode.GetBytes(s))),
        (1, Gen.Byte.Array[0, 200]),
        (1, Gen.Int[16 * 1024 + 1, 24 * 1024].Select(n => Encoding.UTF8.GetBytes("token=" + new string('a', n)))),
        (1, Gen.Const(Array.Empty<byte>())));

    private static readonly Gen<string> Queries = Gen.Frequency(
        (6, Gen.Const("")),
        (2, Gen.Select(Gen.OneOf<string>("page", "pageSize", "email", "userId", "actorId", "event", "from", "to", "role", "x", "PAGE"), Strings)
            .Array[1, 3].Select(pairs => "?" + string.Join('&', pairs.Select(p => $"{Escape(p.Item1)}={Escape(p.Item2)}")))));

    [Fact]
    public async Task GeneratedRequests_OnEveryRoute_AreAnswersOrProblems_NeverA5xxOrAnExceptionsText_AndAllAreDeclared()
    {
        var document = await DocumentedAnswers.ReadAsync(Client);
        var revoked = await LoginAsync(await RegisterAsync());
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, "/api/auth/logout", revoked.AccessToken)).StatusCode);
        var mapped = Routes();
        Assert.True(mapped.Count >= 25, $"only {mapped.Count} routes found");
        // Routes that take a body come up three times as often: that is where the input reaches the database.
        var routes = Gen.Frequency(mapped.Select((r, index) => (r.Method is "POST" or "PUT" ? 3 : 1, (IGen<int>)Gen.Const(index))).ToArray());
        var (client, _) = await CreateClientAsync();
        var pcg = new PCG(5, Seed);
        var seen = new HashSet<int>();

        for (var i = 0; i < Cases; i++)
        {
            var (method, template) = mapped[routes.Generate(pcg, null, out _)];
            var path = GuidParameter().Replace(template, _ => Guid.NewGuid().ToString()).Replace("{id}", Strings.Generate(pcg, null, out _));
            var request = new HttpRequestMessage(new HttpMethod(method), Uri.EscapeDataString(path).Replace("%2F", "/") + Queries.Generate(pcg, null, out _));
            if (method is not ("GET" or "HEAD") || Gen.Int[0, 5].Generate(pcg, null, out _) == 0)
            {
                request.Content = new ByteArrayContent(Bodies.Generate(pcg, null, out _));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentTypes.Generate(pcg, null, out _));
            }

            request.Headers.TryAddWithoutValidation("Accept", Accepts.Generate(pcg, null, out _));
            // A fresh user or admin each time: a generated password change, disable or logout must not end the run.
            request.Headers.Authorization = (i % 6) switch
            {
                0 => null,
                1 => new AuthenticationHeaderValue("Bearer", (await LoginAsync(await RegisterAsync())).AccessToken),
                2 => new AuthenticationHeaderValue("Bearer", (await LoginAsync(await CreateAdminAsync())).AccessToken),
                3 => Basic(client.ClientId, client.ClientSecret),
                4 => new AuthenticationHeaderValue("Bearer", revoked.AccessToken),
                _ => new AuthenticationHeaderValue("Bearer", HeaderNoise.Generate(pcg, null, out _) + ".a.b"),
            };

            var sent = request.Content is null ? "no body" : $"{JsonSerializer.Serialize(string.Join("|", request.Content.Headers.NonValidated["Content-Type"]))} {JsonSerializer.Serialize(Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync()))}";
            var response = await Client.SendAsync(request);
            var label = $"case {i} of seed {Seed}: {method} {request.RequestUri} ({sent}, Accept {request.Headers.Accept}, Authorization {(i % 6)})";
            await AssertAnswerAsync(response, label);
            await document.AssertDeclaredAsync(method, template, response, label);
            seen.Add((int)response.StatusCode);
        }

        // Every operation of the document but the event stream (a stream that stays open) was checked.
        Assert.True(document.Checked.Count >= 26, $"answers were checked against only {document.Checked.Count} operations");
        Assert.Contains(400, seen);
        Assert.Contains(415, seen);
        Assert.Contains(401, seen);
    }

    private List<(string Method, string Template)> Routes() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Where(r => r.Item2 != "/api/events/revocations") // a stream that stays open; its refusals are tested apart
            .Distinct().OrderBy(r => r.Item2).ThenBy(r => r.m).ToList();

    private static async Task AssertAnswerAsync(HttpResponseMessage response, string label)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        label = $"{label} -> {status} {response.Content.Headers.ContentType}: {text[..Math.Min(text.Length, 300)]}";
        Assert.True(status < 500, label);
        if (status < 400) return;
        Assert.True(!text.Contains("Exception") && !text.Contains("   at "), label);
        Assert.True(status != 401 || response.Headers.WwwAuthenticate.Count > 0, "a 401 without WWW-Authenticate: " + label);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var body = ParseOrFail(text, label);
        if (mediaType == "application/json")
            Assert.True(body.TryGetProperty("error", out _), label); // the OAuth routes' RFC 6749 §5.2 error
        else
            Assert.True(mediaType == "application/problem+json" && body.TryGetProperty("code", out _) && body.TryGetProperty("detail", out _), label);
    }

    private static JsonElement ParseOrFail(string text, string label)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            Assert.Fail("not JSON: " + label);
            throw;
        }
    }

    private static string Escape(string value) => value.Length % 3 == 0 ? value : Uri.EscapeDataString(value.Replace('\uD800', 'x').Replace('\uDFFF', 'x'));

    private static string JsonValue(string text, int shape) => shape switch
    {
        0 => JsonSerializer.Serialize(text),
        1 => text.Length.ToString(),
        2 => "[" + JsonSerializer.Serialize(text) + "]",
        3 => "null",
        _ => text,
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\w+:guid\}")]
    private static partial System.Text.RegularExpressions.Regex GuidParameter();
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CsCheck;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>
/// Generators of hostile bearer tokens, built around a handful of genuine ones: random base64url-ish text, edits,
/// truncations and reshuffles of genuine tokens, odd characters, very long segments, and JSON edge cases inside
/// correctly encoded segments. Generation is driven by a seeded <see cref="PCG"/>, so every run sees the same cases.
/// </summary>
public sealed class HostileTokens(IReadOnlyList<string> genuine, Func<string, string> checkFor)
{
    private const string Base64UrlChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Characters an edit may put in: base64url, its neighbours, whitespace, controls, non-ASCII, lone surrogates.</summary>
    public const string OddChars = Base64UrlChars + ".=+/ \t\r\n\0\"\\{}[]:,é€\u00a0\u200b\u2028\ufeff\ud800\udfff😀";

    private static readonly Gen<char> AnyOddChar = Gen.OneOf(OddChars.ToCharArray());
    private static readonly Gen<char> Base64UrlishChar =
        Gen.Frequency((20, Gen.OneOf(Base64UrlChars.ToCharArray())), (1, Gen.Const('.')), (1, AnyOddChar));

    private Gen<string> Genuine => Gen.OneOf(genuine.ToArray());

    /// <summary>Every kind of case, mixed.</summary>
    public Gen<string> Any => Gen.Frequency(
        (3, RandomDotted),
        (3, SingleEdit),
        (2, Truncated),
        (2, Reshuffled),
        (2, WithOddCharacters),
        (1, LongSegment),
        (3, JsonEdgeCase),
        (1, Genuine));

    /// <summary>Base64url-ish text with 0 to 6 dots.</summary>
    public static Gen<string> RandomDotted =>
        Gen.Int[0, 6].SelectMany(dots => Gen.String[Base64UrlishChar, 0, 60].Array[dots + 1])
            .Select(parts => string.Join('.', parts));

    public Gen<string> SingleEdit =>
        Gen.Select(Genuine, Gen.Int[0, 2], Gen.Double.Unit, AnyOddChar, (token, kind, at, c) =>
        {
            var i = (int)(at * token.Length);
            return kind switch
            {
                0 => token[..i] + c + token[Math.Min(token.Length, i + 1)..], // replace
                1 => token[..i] + c + token[i..],                              // insert
                _ => token[..i] + token[Math.Min(token.Length, i + 1)..],      // delete
            };
        });

    public Gen<string> Truncated =>
        Gen.Select(Genuine, Gen.Double.Unit, Gen.Bool, (token, at, head) =>
            head ? token[..(int)(at * token.Length)] : token[(int)(at * token.Length)..]);

    /// <summary>Segments of genuine tokens, duplicated, dropped and reordered.</summary>
    public Gen<string> Reshuffled =>
        Gen.Select(Genuine.Array[1, 3], Gen.Int[0, 2].Array[1, 5], (tokens, picks) =>
        {
            var segments = tokens.SelectMany(t => t.Split('.')).ToArray();
            return string.Join('.', picks.Select((p, i) => segments[(p + (i * 3)) % segments.Length]));
        });

    public Gen<string> WithOddCharacters =>
        Gen.Select(Genuine, Gen.Double.Unit, Gen.String[AnyOddChar, 1, 4], (token, at, odd) =>
        {
            var i = (int)(at * token.Length);
            return token[..i] + odd + token[i..];
        });

    /// <summary>One segment of a genuine token replaced by a very long run of base64url text.</summary>
    public Gen<string> LongSegment =>
        Gen.Select(Genuine, Gen.Int[0, 2], Gen.Int[1_000, 60_000], Gen.OneOf('A', '_', 'z'), (token, which, length, c) =>
        {
            var parts = token.Split('.');
            parts[which] = new string(c, length);
            return string.Join('.', parts);
        });

    /// <summary>
    /// A genuine token's header and payload re-encoded from hostile JSON, with a correct <c>chk</c> where the claims
    /// allow one (so the case reaches the cache and signature checks) and a signature under a key nobody holds.
    /// </summary>
    public Gen<string> JsonEdgeCase =>
        Gen.Select(Gen.OneOf(PayloadEdits), Gen.OneOf(HeaderEdits), Gen.Bool, Gen.Int[1, 200], (payload, header, editHeader, n) =>
        {
            var headerJson = editHeader ? header(n) : """{"alg":"HS256","typ":"at+jwt","kid":"k2"}""";
            var payloadJson = payload(n, checkFor);
            var input = $"{B64(headerJson)}.{B64(payloadJson)}";
            var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes($"not the key {n}"), Encoding.ASCII.GetBytes(input));
            return $"{input}.{Base64Url.EncodeToString(signature)}";
        });

    private static string B64(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    /// <summary>Valid claims of a user the validator knows, as JSON members, with the placeholder {chk}.</summary>
    public static string Claims(string sub = KnownUser, string ver = "1", string exp = "4102444800", string extra = "") =>
        $$"""{"iss":"{{ApiFactory.Issuer}}","aud":"tokenversioning-api","sub":"{{sub}}","sid":"{{KnownSession}}","ver":{{ver}},"iat":1700000000,"nbf":1700000000,"exp":{{exp}},"jti":"j","chk":"{chk}"{{extra}}}""";

    public const string KnownUser = "3f1d6f9e-7a51-4c1e-9d2b-0a6c3e0b8d11";
    public const string KnownSession = "b7f4c2a0-1e3d-4f5a-8b9c-0d1e2f3a4b5c";

    private static readonly Func<int, Func<string, string>, string>[] PayloadEdits =
    [
        (_, chk) => chk(Claims()),
        (_, chk) => chk(Claims(extra: $",\"sub\":\"{KnownUser}\"")),                        // duplicate key
        (_, chk) => chk(Claims(ver: "9223372036854775808")),                                 // beyond int64
        (_, chk) => chk(Claims(ver: "-9223372036854775809")),
        (_, chk) => chk(Claims(exp: "1e400")),
        (_, chk) => chk(Claims(exp: "4102444800.5")),                                        // float
        (_, chk) => chk(Claims(ver: "1.0")),
        (_, chk) => chk(Claims(ver: "null")),
        (_, chk) => chk(Claims(exp: "null")),
        (_, chk) => chk(Claims(sub: "not-a-guid")),
        (n, chk) => chk(Claims(extra: $",\"x\":{new string('[', n)}{new string(']', n)}")),  // deep nesting
        (n, chk) => chk(Claims(extra: $",\"role\":{new string('[', n % 12)}\"admin\"{new string(']', n % 12)}")),
        (_, chk) => chk(Claims().Replace("\"sub\"", "\"s\\u0075b\"")),                       // escaped key
        (_, chk) => chk(Claims().Replace("\"jti\":\"j\"", "\"jti\":\"\\ud800\"")),           // lone surrogate
        (_, chk) => chk(Claims().Replace("\"jti\":\"j\"", "\"jti\":\"\\u006a\"")),           // escaped value
        (_, chk) => chk(Claims(extra: ",\"role\":\"\\udfff\"")),
        (_, chk) => chk(Claims(extra: ",\"role\":[\"a\",1,null]")),
        (_, chk) => chk(Claims(extra: ",\"aud\":[]")),
        (_, chk) => chk(Claims(extra: ",\"iss\":null")),
        (n, chk) => chk(Claims()).Replace("\"chk\":\"", $"\"chk\":\"{new string('A', n % 30)}"),
        (_, chk) => chk(Claims()) + " ",
        (_, chk) => chk(Claims()) + "{}",
        (_, chk) => chk(Claims())[..^1],
        (_, chk) => "\ufeff" + chk(Claims()),
        (_, _) => "{}",
        (_, _) => "[]",
        (_, _) => "null",
        (_, _) => "\"string\"",
        (n, _) => new string('{', n),
        (n, _) => $"{{\"sub\":{new string('[', n)}",
        (_, _) => "{\"sub\":\"\\",
    ];

    private static readonly Func<int, string>[] HeaderEdits =
    [
        _ => """{"alg":"HS256","typ":"at+jwt","kid":"k2","kid":"k2"}""",
        _ => """{"alg":"HS256","typ":"at+jwt","kid":"k\u0032"}""",
        _ => """{"alg":"HS256","typ":"at+jwt","kid":"\ud800"}""",
        n => $$"""{"alg":"HS256","typ":"at+jwt","kid":"{{new string('k', n)}}"}""",
        n => $$"""{"alg":"HS256","typ":"at+jwt","kid":"k2","x":{{new string('[', n)}}{{new string(']', n)}}}""",
        _ => """{"alg":"HS256","typ":"at+jwt","kid":null}""",
        _ => """{"alg":"HS256","typ":"at+jwt","kid":1e999}""",
        _ => """{"alg":"none","typ":"at+jwt","kid":"k2"}""",
        _ => """{"typ":"at+jwt","kid":"k2","alg":"HS256"}""",
        _ => "{",
        _ => "",
    ];
}

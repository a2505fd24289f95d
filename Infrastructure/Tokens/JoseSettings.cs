using System.Security.Cryptography;
using System.Text.Json;
using Jose;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>
/// jose-jwt as configured here. jose-jwt stays the verifier of record (it splits the token, decodes it, enforces
/// the expected algorithm and asks the registered HS256 implementation to verify); two pieces are swapped for
/// leaner ones: HS256 computes with the one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/> instead of a
/// new <see cref="HMACSHA256"/> object per call and compares in constant time, and the header, a flat JSON
/// object, is read without a general-purpose deserializer.
/// </summary>
public static class JoseSettings
{
    public static readonly JwtSettings Instance = new JwtSettings()
        .RegisterJws(JwsAlgorithm.HS256, new OneShotHs256())
        .RegisterMapper(new FlatHeaderMapper(JWT.DefaultSettings.JsonMapper));

    private sealed class OneShotHs256 : IJwsAlgorithm
    {
        public byte[] Sign(byte[] securedInput, object key) => HMACSHA256.HashData(AsKey(key), securedInput);

        public bool Verify(byte[] signature, byte[] securedInput, object key)
        {
            Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(AsKey(key), securedInput, expected);
            return CryptographicOperations.FixedTimeEquals(expected, signature);
        }

        private static byte[] AsKey(object key) =>
            key as byte[] ?? throw new ArgumentException("HS256 needs a byte[] key.", nameof(key));
    }

    /// <summary>Parses a JOSE header into a dictionary; anything but a flat object goes to the default mapper.</summary>
    private sealed class FlatHeaderMapper(IJsonMapper fallback) : IJsonMapper
    {
        public string Serialize(object obj) => fallback.Serialize(obj);

        public T Parse<T>(string json)
        {
            if (typeof(T) != typeof(IDictionary<string, object>)) return fallback.Parse<T>(json);
            return (T)(object)(TryParseFlat(json) ?? fallback.Parse<IDictionary<string, object>>(json));
        }

        private static Dictionary<string, object>? TryParseFlat(string json)
        {
            var result = new Dictionary<string, object>(4, StringComparer.Ordinal);
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                object? value = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number when reader.TryGetInt64(out var l) => l,
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    _ => null,
                };
                if (value is null || !result.TryAdd(name, value)) return null;
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? result : null;
        }
    }
}

using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>
/// The small readers both token segments are read with: base64url decoding, and one JSON value each, refused
/// (false) when it is not exactly of the expected type or appears twice. None of them throws on bad input
/// except through <see cref="Utf8JsonReader"/> itself, which the token reader catches.
/// </summary>
internal static class JsonValues
{
    /// <summary>One base64url segment, wholly decoded into <paramref name="buffer"/>; false for anything else, never an exception.</summary>
    public static bool TryDecode(ReadOnlySpan<char> segment, Span<byte> buffer, out int written) =>
        Base64Url.DecodeFromChars(segment, buffer, out var consumed, out written) == OperationStatus.Done && consumed == segment.Length;

    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    public static bool EndsCleanly(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 && !reader.Read();

    public static bool ReadGuid(ref Utf8JsonReader reader, ref Guid? value)
    {
        if (value is not null || !reader.Read() || reader.TokenType != JsonTokenType.String) return false;
        if (!reader.TryGetGuid(out var parsed)) return false;
        value = parsed;
        return true;
    }

    public static bool ReadInteger(ref Utf8JsonReader reader, ref long? value)
    {
        if (value is not null || !reader.Read() || reader.TokenType != JsonTokenType.Number) return false;
        if (!reader.TryGetInt64(out var parsed)) return false;
        value = parsed;
        return true;
    }

    /// <summary>A string claim's unescaped UTF-8 bytes, refused when it does not fit <paramref name="destination"/>.</summary>
    public static bool ReadBytes(ref Utf8JsonReader reader, scoped Span<byte> destination, ref int length)
    {
        if (length >= 0 || !reader.Read() || reader.TokenType != JsonTokenType.String) return false;
        // The escaped text is never shorter than the value, so this also makes CopyString's copy fit.
        if (reader.ValueSpan.Length > destination.Length) return false;
        length = reader.CopyString(destination);
        return true;
    }

    public static bool ReadMatch(ref Utf8JsonReader reader, byte[] expected, bool allowArray, ref bool? matches)
    {
        if (matches is not null || !reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.String)
        {
            matches = reader.ValueTextEquals(expected);
            return true;
        }

        if (!allowArray || reader.TokenType != JsonTokenType.StartArray) return false;
        var any = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.String) any |= reader.ValueTextEquals(expected);
        matches = any;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    public static bool ReadRoles(ref Utf8JsonReader reader, out List<string>? roles)
    {
        roles = [];
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.String)
        {
            roles.Add(RoleName(ref reader));
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.String) roles.Add(RoleName(ref reader));
        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>The service's own role names come back as the same string objects; any other is read.</summary>
    private static string RoleName(ref Utf8JsonReader reader)
    {
        foreach (var known in Domain.Users.Role.All)
        {
            if (reader.ValueTextEquals(known)) return known;
        }

        return reader.GetString()!;
    }
}

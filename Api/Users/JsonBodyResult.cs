using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using TokenVersioning.Infrastructure.Accounts;

namespace TokenVersioning.Api.Users;

/// <summary>
/// A 200 JSON answer serialized into one byte array and written with its length: the hot GET skips the
/// output formatters' content negotiation and the streaming serializer, which cost /me about half again the
/// allocations of the token check itself. The type's contract comes from <see cref="HotJson"/>, generated at
/// build time with the API's JSON settings, so serializing it is one pass with no reflection and no write stack.
/// </summary>
internal sealed class JsonBodyResult<T>(T value, JsonTypeInfo<T> contract) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, contract);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.HttpContext.RequestAborted);
    }
}

/// <summary>The contracts of the answers written by <see cref="JsonBodyResult{T}"/>: the API's JSON settings (web defaults, strict numbers).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CurrentUser))]
internal sealed partial class HotJson : JsonSerializerContext;

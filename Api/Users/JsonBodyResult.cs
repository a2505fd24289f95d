using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Api.Users;

/// <summary>
/// A 200 JSON answer serialized into one byte array and written with its length: the hot GET skips the
/// output formatters' content negotiation and the streaming serializer, which cost /me about half again the
/// allocations of the token check itself. Same JSON options, same media type as every other answer.
/// </summary>
internal sealed class JsonBodyResult<T>(T value) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, options.GetTypeInfo(typeof(T)));
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.HttpContext.RequestAborted);
    }
}

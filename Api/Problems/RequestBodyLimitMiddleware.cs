using Microsoft.AspNetCore.Http.Features;

namespace TokenVersioning.Api.Problems;

/// <summary>
/// Every request body of this API is a few hundred bytes; anything far larger is refused as a 400 problem before
/// it is parsed: at once when it declares its length, and as soon as the limit is crossed when it does not.
/// This does not depend on the server (Kestrel, IIS or the test host) enforcing a limit of its own.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, ProblemWriter problems)
{
    public const long MaxBodyBytes = 16 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes) return BodyTooLargeException.WriteAsync(problems, context);

        if (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false)
            context.Request.Body = new LimitedReadStream(context.Request.Body, MaxBodyBytes);
        return next(context);
    }
}

internal sealed class BodyTooLargeException() : BadHttpRequestException(Text, StatusCodes.Status400BadRequest)
{
    public const string Code = "body_too_large";
    public static readonly string Text = $"The request body is larger than {RequestBodyLimitMiddleware.MaxBodyBytes} bytes.";

    /// <summary>The one answer to a body over the limit, whether refused up front or while reading.</summary>
    public static Task WriteAsync(ProblemWriter problems, HttpContext context) =>
        problems.WriteAsync(context, StatusCodes.Status400BadRequest, Code, "Bad request", Text);
}

/// <summary>Read-only pass-through that throws once more than <c>limit</c> bytes have been read.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        Count(await inner.ReadAsync(buffer, ct));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new BodyTooLargeException() : read;
    }
}

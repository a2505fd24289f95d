using System.Text;

namespace TokenVersioning.Client;

/// <summary>
/// Reads Server-Sent Events lines from the network with bounds: a line longer than <see cref="MaxLine"/> bytes, or
/// invalid UTF-8, ends the stream (the follower reconnects); nothing read here throws anything else.
/// </summary>
internal sealed class EventStreamReader(Stream stream)
{
    public const int MaxLine = 64 * 1024;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _buffer = new byte[8192];
    private readonly MemoryStream _line = new();
    private int _start;
    private int _end;

    /// <summary>The next line without its end (<c>\n</c>, <c>\r\n</c> or <c>\r</c>); null at the end of the stream.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken ct)
    {
        _line.SetLength(0);
        while (true)
        {
            for (var i = _start; i < _end; i++)
            {
                var b = _buffer[i];
                if (b is not ((byte)'\n' or (byte)'\r')) continue;
                _line.Write(_buffer, _start, i - _start);
                _start = i + 1;
                if (b == '\r')
                {
                    if (_start == _end) await FillAsync(ct);
                    if (_start < _end && _buffer[_start] == '\n') _start++;
                }

                return Decode();
            }

            _line.Write(_buffer, _start, _end - _start);
            _start = _end;
            if (_line.Length > MaxLine) throw new InvalidDataException($"An event stream line is longer than {MaxLine} bytes.");
            if (!await FillAsync(ct)) return _line.Length == 0 ? null : Decode();
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, ct);
        return _end > 0;
    }

    private string Decode()
    {
        if (_line.Length > MaxLine) throw new InvalidDataException($"An event stream line is longer than {MaxLine} bytes.");
        try
        {
            return Strict.GetString(_line.GetBuffer(), 0, (int)_line.Length);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("An event stream line is not UTF-8.", e);
        }
    }
}

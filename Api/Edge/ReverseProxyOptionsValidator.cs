using System.Net;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Api.Edge;

internal sealed class ReverseProxyOptionsValidator : IValidateOptions<ReverseProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options)
    {
        var errors = options.TrustedProxies
            .Select((entry, i) => (entry, i))
            .Where(e => !TrustedProxy.TryParse(e.entry, out _))
            .Select(e => $"ReverseProxy:TrustedProxies:{e.i} '{e.entry}' is neither an IP address nor a CIDR range (10.0.0.0/8).")
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>One trusted proxy entry: an address is a network of one.</summary>
internal static class TrustedProxy
{
    public static bool TryParse(string? entry, out IPNetwork network)
    {
        network = default;
        var text = entry?.Trim();
        if (string.IsNullOrEmpty(text)) return false;
        if (text.Contains('/')) return IPNetwork.TryParse(text, out network);
        if (!IPAddress.TryParse(text, out var address)) return false;
        network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
        return true;
    }
}

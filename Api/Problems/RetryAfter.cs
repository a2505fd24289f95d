using System.Globalization;

namespace TokenVersioning.Api.Problems;

internal static class RetryAfter
{
    /// <summary>Sets <c>Retry-After</c> in whole seconds, rounded up, at least one.</summary>
    public static void Set(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

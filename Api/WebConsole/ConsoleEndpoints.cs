using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.WebConsole;

/// <summary>
/// The browser console at <c>/console</c>: a page, its script modules and its style sheet, all served from the
/// service's own files (copied beside the assembly), under a strict Content-Security-Policy: nothing from elsewhere,
/// no inline script or style, no framing. The console talks to the public API only.
/// </summary>
internal static partial class ConsoleEndpoints
{
    /// <summary><c>default-src 'self'</c> covers scripts, styles, images, fonts and fetch; nothing may frame the console.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static WebApplication MapConsole(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Enabled) return app;
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "console"));
        var readOnly = new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]);
        // "/console" matches too (the file is empty): it is sent to "/console/", so that the page's relative links resolve.
        app.MapGet("/console/{*file}", (string? file, HttpContext context, ProblemWriter problems) =>
            {
                if (!string.IsNullOrEmpty(file)) return ServeAsync(files, file, context, problems);
                if (context.Request.Path.Value?.EndsWith('/') == true) return ServeAsync(files, "index.html", context, problems);
                context.Response.Redirect("/console/");
                return Task.CompletedTask;
            })
            .WithMetadata(readOnly).ExcludeFromDescription();
        return app;
    }

    private static async Task ServeAsync(IFileProvider files, string name, HttpContext context, ProblemWriter problems)
    {
        var info = AssetName().IsMatch(name) ? files.GetFileInfo(name) : null;
        if (info is not { Exists: true, IsDirectory: false })
        {
            await problems.WriteAsync(context, StatusCodes.Status404NotFound, "not_found", "Not found", $"There is nothing at {context.Request.Path}.");
            return;
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.CacheControl = "no-cache";
        context.Response.ContentType = ContentTypes[Path.GetExtension(name)];
        context.Response.ContentLength = info.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await using var stream = info.CreateReadStream();
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>A file of the console: one name, no folder, one of the served extensions.</summary>
    [GeneratedRegex(@"^[a-z0-9-]{1,40}\.(html|js|css|svg)$")]
    private static partial Regex AssetName();
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Console;

/// <summary>
/// What the console's files are, without a browser: served by the service under a strict policy, no inline script
/// or style, no asset from elsewhere, nothing outside its folder, and calls to documented API routes only.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class ConsoleAssetsTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Assets = ["index.html", "app.js", "api.js", "console.css", "icon.svg"];

    [Fact]
    public async Task EveryAsset_IsServedUnderTheStrictPolicy_WithItsMediaType()
    {
        foreach (var asset in Assets)
        {
            var response = await Client.GetAsync($"/console/{asset}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'self'", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.DoesNotContain("unsafe-eval", policy);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.StartsWith(Path.GetExtension(asset) switch
            {
                ".html" => "text/html", ".js" => "text/javascript", ".css" => "text/css", _ => "image/svg+xml",
            }, response.Content.Headers.ContentType!.ToString());
        }

        using var noRedirects = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var root = await noRedirects.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/console/", root.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/console/")).StatusCode);
    }

    [Theory]
    [InlineData("/console/../appsettings.json")]
    [InlineData("/console/%2e%2e/appsettings.json")]
    [InlineData("/console/..%2fTokenVersioning.Api.dll")]
    [InlineData("/console/TokenVersioning.Api.dll")]
    [InlineData("/console/nothing.js")]
    [InlineData("/console/APP.JS")]
    [InlineData("/console/a/b.js")]
    public async Task AnythingButTheConsolesOwnFiles_IsA404Problem(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ThePage_HasNoInlineScriptOrStyle_AndLoadsNothingFromElsewhere()
    {
        var html = await Client.GetStringAsync("/console/");

        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", html);
        Assert.DoesNotMatch(@"\sstyle=", html);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
        foreach (var script in new[] { "app.js", "api.js" })
        {
            var code = await Client.GetStringAsync($"/console/{script}");
            Assert.DoesNotMatch(@"https?://", code);
            Assert.DoesNotContain("innerHTML", code);
            Assert.DoesNotContain("localStorage", code);
            Assert.DoesNotContain("sessionStorage", code);
            Assert.DoesNotContain("eval(", code);
        }
    }

    [Fact]
    public async Task TheConsole_CallsOnlyRoutesOfThePublicApi()
    {
        var document = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Method: o.Name.ToUpperInvariant(), Path: new Regex("^" + Regex.Replace(p.Name, @"\{\w+\}", "[^/]+") + "$"))))
            .ToList();
        var code = await Client.GetStringAsync("/console/app.js") + await Client.GetStringAsync("/console/api.js");

        var calls = ApiCall().Matches(code).Select(m => (Method: m.Groups[1].Value, Path: Regex.Replace(m.Groups[2].Value, @"\$\{[^}]+\}", "x").Split('?')[0])).ToList();

        Assert.True(calls.Count >= 20, $"only {calls.Count} calls found");
        foreach (var (method, path) in calls)
            Assert.True(operations.Any(o => o.Method == method && o.Path.IsMatch(path)), $"{method} {path} is not an operation of the document");
    }

    [Fact]
    public async Task WithConsoleEnabledFalse_ThereIsNoConsole()
    {
        await using var off = new CustomApiFactory(edit: s => s["Console:Enabled"] = "false");
        await ((IAsyncLifetime)off).InitializeAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await off.CreateClient().GetAsync("/console/")).StatusCode);
        await ((IAsyncLifetime)off).DisposeAsync();
    }

    /// <summary>A call in the console's code: <c>call("METHOD", `/api/...`)</c> or <c>send("METHOD", "/api/...")</c>.</summary>
    [GeneratedRegex("""(?:call|send)\("([A-Z]+)", [`"](/api/[^`"]+)[`"]""")]
    private static partial Regex ApiCall();
}

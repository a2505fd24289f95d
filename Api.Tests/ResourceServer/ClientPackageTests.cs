using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Client;

namespace TokenVersioning.Api.Tests.ResourceServer;

/// <summary>The package as a team adds it: validated options, its meter, and a .nupkg with a README and no service internals.</summary>
public sealed class ClientPackageTests
{
    [Theory]
    [InlineData(null, "id", "secret", "TokenVersioning:Authority")]
    [InlineData("ftp://auth.example.com", "id", "secret", "TokenVersioning:Authority")]
    [InlineData("https://auth.example.com", null, "secret", "TokenVersioning:ClientId")]
    [InlineData("https://auth.example.com", "id", " ", "TokenVersioning:ClientSecret")]
    public async Task ABadOption_StopsStartUp_NamingTheKey(string? authority, string? id, string? secret, string key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication().AddTokenVersioning(o =>
        {
            o.Authority = authority is null ? null : new Uri(authority);
            o.ClientId = id;
            o.ClientSecret = secret;
        });
        await using var app = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key, failure.Message);
    }

    [Fact]
    public async Task ABadStalenessOrCacheSize_StopsStartUp_NamingTheKey()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication().AddTokenVersioning(o =>
        {
            o.Authority = new Uri("https://auth.example.com");
            (o.ClientId, o.ClientSecret) = ("id", "secret");
            (o.MaxStaleness, o.CacheSize) = (TimeSpan.Zero, 0);
        });
        await using var app = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("TokenVersioning:MaxStaleness", failure.Message);
        Assert.Contains("TokenVersioning:CacheSize", failure.Message);
    }

    [Fact]
    public async Task ItsInstruments_AreOnTheMeter_TokenVersioningClient()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAuthentication(TokenVersioningExtensions.DefaultScheme).AddTokenVersioning(o =>
        {
            o.Authority = new Uri("http://127.0.0.1:9"); // nothing listens: the stream keeps failing, requests get 503
            (o.ClientId, o.ClientSecret) = ("id", "secret");
        });
        builder.Services.AddAuthorization();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", () => "ok").RequireAuthorization();
        var names = new HashSet<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name != "TokenVersioning.Client") return;
            lock (names) names.Add(instrument.Name);
        };
        listener.Start();
        await app.StartAsync();

        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not.a.token");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/")).StatusCode);

        lock (names)
        {
            Assert.Superset(new HashSet<string>
            {
                "tokenversioning.client.verdicts", "tokenversioning.client.cache.lookups",
                "tokenversioning.client.stream.connected", "tokenversioning.client.confirmation.age",
            }, names);
        }
    }

    [Fact]
    [Trait("Servers", "process")]
    public async Task DotnetPack_MakesANupkg_WithItsReadme_AndNoReferenceToTheServicesProjects()
    {
        var output = Path.Combine(Path.GetTempPath(), $"tv-pack-{Guid.NewGuid():N}");
        var pack = Process.Start(new ProcessStartInfo("dotnet", ["pack", Path.Combine(Repository.Root, "Client", "Client.csproj"), "-c", "Release", "-o", output])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var log = await pack.StandardOutput.ReadToEndAsync() + await pack.StandardError.ReadToEndAsync();
        await pack.WaitForExitAsync();
        Assert.True(pack.ExitCode == 0, log);

        var package = Directory.GetFiles(output, "TokenVersioning.Client.*.nupkg").Single();
        using var zip = ZipFile.OpenRead(package);
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/TokenVersioning.Client.dll");
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var manifest = await nuspec.ReadToEndAsync();
        Assert.Contains("<readme>README.md</readme>", manifest);
        Assert.DoesNotContain("TokenVersioning.Infrastructure", manifest);
        Assert.DoesNotContain("TokenVersioning.Domain", manifest);
        Directory.Delete(output, recursive: true);
    }
}

using System.Collections.Concurrent;
using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Accounts;

namespace TokenVersioning.Api.Tests.Console;

/// <summary>
/// The service on a loopback port and Debian's chromium driven by Playwright, headless, with every host name but
/// localhost unresolvable. Every request a page makes is recorded; none may leave loopback.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public ConsoleFactory Factory { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Every URL a page asked for, across the tests.</summary>
    public ConcurrentBag<string> Requests { get; } = [];

    public static string Output => Path.Combine(Repository.Root, "TestResults", "console");

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Factory).InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        // Playwright cannot download its own browsers here: it drives Debian's, by its path (missing: the test fails).
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"],
        });
        Directory.CreateDirectory(Output);
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await ((IAsyncLifetime)Factory).DisposeAsync();
    }

    /// <summary>A browser context: one device (its own cookies), at a width of 1280 or 390 pixels.</summary>
    public async Task<IBrowserContext> DeviceAsync(int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Factory.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = width < 800 ? 844 : 900 },
            IsMobile = width < 800,
        });
        context.Request += (_, request) => Requests.Add(request.Url);
        context.SetDefaultTimeout(10_000);
        return context;
    }

    public async Task<Account> RegisterAsync(string? name = null)
    {
        var email = $"{name ?? "person"}-{Guid.NewGuid():N}@example.com";
        var response = await Factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email, password = ApiTest.Password, displayName = name });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        return new Account(id, email, ApiTest.Password);
    }

    public async Task<Account> CreateAdminAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        var user = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(email, ApiTest.Password, "Console Admin", [Role.Admin, Role.User], CancellationToken.None);
        return new Account(user.Id, email, ApiTest.Password);
    }

    /// <summary>Opens the console in a new tab of <paramref name="device"/> and signs in with the keyboard.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext device, Account account)
    {
        var page = await device.NewPageAsync();
        await page.GotoAsync("/console/");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" }).WaitForAsync();
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByLabel("Password").PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your account" }).WaitForAsync();
        return page;
    }

    /// <summary>A screenshot under TestResults/console, and an axe scan that finds nothing serious or critical.</summary>
    public static async Task CheckPageAsync(IPage page, string name)
    {
        var width = page.ViewportSize?.Width ?? 0;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Output, $"{name}-{width}.png"), FullPage = true });
        // Readable at this width: the page itself never scrolls sideways (a wide table scrolls in its own region).
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"{name} at {width} px is {overflow} px wider than the window");
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name} at {width} px: " + string.Join("; ", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()))}";
}

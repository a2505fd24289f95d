using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Console;

/// <summary>
/// The console in a real browser (Debian's chromium, headless, nothing but loopback reachable): devices of one user,
/// tabs refreshing at once, an administrator's routine, the refresh token out of every script's reach, an
/// accessibility scan and screenshots of each page at 1280 and 390 pixels.
/// </summary>
[Trait("Servers", "browser")]
public sealed partial class ConsoleTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>, IAsyncLifetime
{
    private const string OtherDevice = "You were signed out from another device.";

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Whatever a test did, no page asked for anything beyond the service (and the test's stand-in site).</summary>
    public Task DisposeAsync()
    {
        var outside = fixture.Requests.Where(url => !url.StartsWith(fixture.Factory.Address.ToString().TrimEnd('/'), StringComparison.Ordinal)
            && !url.StartsWith(fixture.Factory.OtherSiteAddress.ToString().TrimEnd('/'), StringComparison.Ordinal)
            && !url.StartsWith("http://attacker.example/", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "requests beyond loopback: " + string.Join(", ", outside));
        return Task.CompletedTask;
    }

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    private static async Task ExpectSignInAsync(IPage page, string reason)
    {
        await Heading(page, "Sign in").WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = reason })).ToBeVisibleAsync();
    }

    private static ILocator DeviceRows(IPage page) =>
        page.GetByRole(AriaRole.Table, new() { Name = "Devices signed in to your account" }).Locator("tbody tr");

    private static Task UpdateListAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Update the list" }).ClickAsync();

    [Fact]
    public async Task TwoDevices_SeeEachOther_ASignsOutB_BsNextActionLandsOnSignInWithTheReason_AndAKeepsWorking()
    {
        var account = await fixture.RegisterAsync("two-devices");
        await using var a = await fixture.DeviceAsync();
        await using var b = await fixture.DeviceAsync();
        var pageA = await ConsoleFixture.SignInAsync(a, account);
        var pageB = await ConsoleFixture.SignInAsync(b, account);

        await UpdateListAsync(pageA);
        await Assertions.Expect(DeviceRows(pageA)).ToHaveCountAsync(2);
        await Assertions.Expect(DeviceRows(pageB)).ToHaveCountAsync(2);
        await Assertions.Expect(pageA.GetByText("This device")).ToHaveCountAsync(1);
        await Assertions.Expect(DeviceRows(pageA).First).ToContainTextAsync("Headless Chrome on Linux");

        // A signs out B (the one row with a sign-out button on A's page is B's).
        await pageA.GetByRole(AriaRole.Button, new() { NameRegex = SignOutDevice() }).ClickAsync();
        await Assertions.Expect(pageA.GetByRole(AriaRole.Status)).ToContainTextAsync("was signed out");
        await Assertions.Expect(DeviceRows(pageA)).ToHaveCountAsync(1);

        await UpdateListAsync(pageB);
        await ExpectSignInAsync(pageB, OtherDevice);
        await UpdateListAsync(pageA);
        await Assertions.Expect(DeviceRows(pageA)).ToHaveCountAsync(1);
        await pageA.ReloadAsync();
        await Heading(pageA, "Your account").WaitForAsync();
    }

    [Fact]
    public async Task SignOutAllOthers_SignOutEverywhere_AndAPasswordChange_EachLeaveTheRightDevicesSignedIn()
    {
        var account = await fixture.RegisterAsync("others");
        await using var a = await fixture.DeviceAsync();
        await using var b = await fixture.DeviceAsync();
        var pageA = await ConsoleFixture.SignInAsync(a, account);
        var pageB = await ConsoleFixture.SignInAsync(b, account);

        await pageA.GetByRole(AriaRole.Button, new() { Name = "Sign out all other devices" }).ClickAsync();
        await Assertions.Expect(pageA.GetByRole(AriaRole.Status)).ToHaveTextAsync("Every other device was signed out.");
        await pageB.ReloadAsync();
        await ExpectSignInAsync(pageB, OtherDevice);

        // A password change from A: A stays, B is out with the reason.
        pageB = await ConsoleFixture.SignInAsync(b, account);
        const string newPassword = "a brand new long passphrase";
        await pageA.GetByLabel("Current password").FillAsync(account.Password);
        await pageA.GetByLabel("New password", new() { Exact = true }).FillAsync(newPassword);
        await pageA.GetByLabel("Repeat the new password").FillAsync(newPassword);
        await pageA.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(pageA.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password was changed.");
        await pageA.ReloadAsync();
        await Heading(pageA, "Your account").WaitForAsync();
        await UpdateListAsync(pageB);
        await ExpectSignInAsync(pageB, "Your password was changed.");

        // Sign out everywhere, confirmed in the dialog: both are out.
        pageB = await ConsoleFixture.SignInAsync(b, account with { Password = newPassword });
        await pageA.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await pageA.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();
        await ExpectSignInAsync(pageA, "You signed out everywhere.");
        await pageB.ReloadAsync();
        await ExpectSignInAsync(pageB, OtherDevice);
    }

    [Fact]
    public async Task ThreeTabs_RefreshingAtTheSameMomentAfterTheAccessTokenExpired_AllCarryOn()
    {
        var account = await fixture.RegisterAsync("tabs");
        await using var device = await fixture.DeviceAsync();
        var first = await ConsoleFixture.SignInAsync(device, account);
        var tabs = new List<IPage> { first };
        for (var i = 0; i < 2; i++)
        {
            var tab = await device.NewPageAsync();
            await tab.GotoAsync("/console/#/account");
            await Heading(tab, "Your account").WaitForAsync();
            tabs.Add(tab);
        }

        fixture.Factory.Time.Advance(TimeSpan.FromMinutes(16)); // every tab's access token has expired

        await Task.WhenAll(tabs.Select(UpdateListAsync));

        foreach (var tab in tabs) await Assertions.Expect(tab.GetByRole(AriaRole.Status)).ToHaveTextAsync("The list is up to date.");
        await Assertions.Expect(DeviceRows(first)).ToHaveCountAsync(1);
        var reused = await fixture.Factory.WithDbAsync(db => db.RevocationLog.CountAsync(e => e.UserId == account.Id));
        Assert.Equal(0, reused); // nobody was signed out, nothing was taken for theft
        await tabs[2].ReloadAsync();
        await Heading(tabs[2], "Your account").WaitForAsync();
    }

    [Fact]
    public async Task AnAdmin_DoesTheRoutine_InTheBrowser()
    {
        var admin = await fixture.CreateAdminAsync();
        var user = await fixture.RegisterAsync("managed");
        await using var adminDevice = await fixture.DeviceAsync();
        await using var laptop = await fixture.DeviceAsync();
        await using var phone = await fixture.DeviceAsync();
        var console = await ConsoleFixture.SignInAsync(adminDevice, admin);
        var userPage = await ConsoleFixture.SignInAsync(laptop, user);
        await ConsoleFixture.SignInAsync(phone, user);

        // Find the user by email and open their page: sessions with device and addresses.
        await console.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await console.GetByLabel("Email contains").FillAsync(user.Email[..12]);
        await console.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await console.GetByRole(AriaRole.Link, new() { Name = user.Email }).ClickAsync();
        await Heading(console, user.Email).WaitForAsync();
        var sessions = console.GetByRole(AriaRole.Table, new() { Name = $"Sessions of {user.Email}" }).Locator("tbody tr");
        await Assertions.Expect(sessions).ToHaveCountAsync(2);
        await Assertions.Expect(sessions.First).ToContainTextAsync("Headless Chrome on Linux");
        await Assertions.Expect(sessions.First).ToContainTextAsync(AddressText());

        // End one, then revoke all.
        await console.GetByRole(AriaRole.Button, new() { NameRegex = EndSession() }).First.ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Status)).ToContainTextAsync("was ended");
        await Assertions.Expect(sessions).ToHaveCountAsync(1);
        await console.GetByRole(AriaRole.Button, new() { Name = "Revoke all sessions" }).ClickAsync();
        await Assertions.Expect(console.GetByText("No active session.")).ToBeVisibleAsync();
        await UpdateListAsync(userPage);
        await Heading(userPage, "Sign in").WaitForAsync();

        // Disable with a reason: the user's open console is signed out with the reason at its next action.
        userPage = await ConsoleFixture.SignInAsync(laptop, user);
        await console.GetByLabel("Reason (kept in the audit log)").FillAsync("spam from this account");
        await console.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Status)).ToContainTextAsync("disabled");
        await UpdateListAsync(userPage);
        await ExpectSignInAsync(userPage, "Your account was disabled.");
        await console.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Status)).ToHaveTextAsync("The user was enabled.");

        // Grant admin: the user sees the admin part after their next refresh.
        userPage = await ConsoleFixture.SignInAsync(laptop, user);
        await Assertions.Expect(userPage.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToBeHiddenAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Grant admin role" }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Button, new() { Name = "Remove admin role" })).ToBeVisibleAsync();
        await UpdateListAsync(userPage);
        await Assertions.Expect(userPage.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToBeVisibleAsync();

        await console.GetByRole(AriaRole.Button, new() { Name = "Clear sign-in delay" }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Status)).ToHaveTextAsync("The sign-in delay was cleared.");

        // The audit log filtered by the user, with the admin's email as actor.
        await console.GetByRole(AriaRole.Link, new() { Name = "Audit log", Exact = true }).ClickAsync();
        await console.GetByLabel("User email").FillAsync(user.Email);
        await console.GetByLabel("Actor email").FillAsync(admin.Email);
        await console.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var entries = console.GetByRole(AriaRole.Table, new() { Name = "Audit log entries, newest first" });
        await Assertions.Expect(entries).ToContainTextAsync("user_disabled");
        await Assertions.Expect(entries).ToContainTextAsync("spam from this account");
        await Assertions.Expect(entries).ToContainTextAsync(admin.Email);
        await Assertions.Expect(entries).Not.ToContainTextAsync("login");

        // An API client: the secret is shown once, and is gone after a reload; then delete it.
        await console.GetByRole(AriaRole.Link, new() { Name = "API clients", Exact = true }).ClickAsync();
        var name = $"orders-{Guid.NewGuid():N}"[..16];
        await console.GetByLabel("Name").FillAsync(name);
        await console.GetByRole(AriaRole.Button, new() { Name = "Create API client" }).ClickAsync();
        var secret = await console.Locator("#created-secret").TextContentAsync();
        Assert.Equal(43, secret?.Length);
        await console.ReloadAsync();
        await Heading(console, "API clients").WaitForAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Table, new() { Name = "API clients" })).ToContainTextAsync(name);
        Assert.DoesNotContain(secret!, await console.ContentAsync());
        await console.GetByRole(AriaRole.Button, new() { Name = $"Delete API client {name}" }).ClickAsync();
        await console.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete API client" }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{name} was deleted.");

        // Delete the user (confirmed): their console is signed out at its next action.
        await console.GotoAsync($"/console/#/admin/users/{user.Id}");
        await Heading(console, user.Email).WaitForAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Delete user" }).ClickAsync();
        await console.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete user" }).ClickAsync();
        await Heading(console, "Users").WaitForAsync();
        await UpdateListAsync(userPage);
        await Heading(userPage, "Sign in").WaitForAsync();
    }

    [Fact]
    public async Task NoScriptCanReadTheRefreshToken_AndAFormPostWithoutTheCsrfHeaderIsRefused()
    {
        var account = await fixture.RegisterAsync("csrf");
        await using var device = await fixture.DeviceAsync();
        var page = await ConsoleFixture.SignInAsync(device, account);

        Assert.DoesNotContain("TokenVersioning-Refresh", await page.EvaluateAsync<string>("document.cookie"));
        Assert.Equal("{}", await page.EvaluateAsync<string>("JSON.stringify(localStorage)"));
        Assert.Equal("{}", await page.EvaluateAsync<string>("JSON.stringify(sessionStorage)"));
        var cookie = (await device.CookiesAsync()).Single(c => c.Name == "TokenVersioning-Refresh");
        Assert.True(cookie.HttpOnly && cookie.Secure && cookie.SameSite == SameSiteAttribute.Strict && cookie.Path == "/api/auth");

        // A form of the console's own site sends the cookie, but cannot send the header: refused.
        var sameSite = await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync("() => { const f = document.createElement('form'); f.method = 'post'; f.action = '/api/auth/refresh'; document.body.append(f); f.submit(); }"),
            response => response.Url.EndsWith("/api/auth/refresh", StringComparison.Ordinal));
        Assert.Equal((int)HttpStatusCode.Forbidden, sameSite.Status);
        Assert.Contains("csrf_header_required", await sameSite.TextAsync());

        // A form on another site: the browser does not even send the cookie (SameSite=Strict).
        var attacker = await device.NewPageAsync();
        await attacker.RouteAsync("http://attacker.example/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"<form id=f method=post action='{fixture.Factory.Address}api/auth/refresh'></form><script>document.getElementById('f').submit()</script>",
        }));
        var crossSite = await attacker.RunAndWaitForResponseAsync(() => attacker.GotoAsync("http://attacker.example/"),
            response => response.Url.EndsWith("/api/auth/refresh", StringComparison.Ordinal));
        Assert.NotEqual((int)HttpStatusCode.OK, crossSite.Status);
        Assert.DoesNotContain("accessToken", await crossSite.TextAsync());

        // Neither attempt changed anything: the console is still signed in.
        await page.GotoAsync("/console/#/account");
        await page.ReloadAsync();
        await Heading(page, "Your account").WaitForAsync();
    }

    [Fact]
    public async Task EveryPage_WorksWithTheKeyboard_PassesAnAccessibilityScan_AndIsShownAtBothWidths()
    {
        var admin = await fixture.CreateAdminAsync();
        var user = await fixture.RegisterAsync("widths");
        foreach (var width in new[] { 1280, 390 })
        {
            await using var device = await fixture.DeviceAsync(width);
            var page = await device.NewPageAsync();
            await page.GotoAsync("/console/");
            await Heading(page, "Sign in").WaitForAsync();
            await ConsoleFixture.CheckPageAsync(page, "sign-in");

            // Keyboard alone: Tab to the fields, type, Enter.
            await TabToAsync(page, "email");
            await page.Keyboard.TypeAsync(admin.Email);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync(admin.Password);
            await page.Keyboard.PressAsync("Enter");
            await Heading(page, "Your account").WaitForAsync();
            await ConsoleFixture.CheckPageAsync(page, "account");

            foreach (var (link, heading, name) in new[] { ("Users", "Users", "users"), ("Audit log", "Audit log", "audit"), ("API clients", "API clients", "clients") })
            {
                await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).FocusAsync();
                await page.Keyboard.PressAsync("Enter");
                await Heading(page, heading).WaitForAsync();
                await ConsoleFixture.CheckPageAsync(page, name);
            }

            await page.GotoAsync($"/console/#/admin/users/{user.Id}");
            await Heading(page, user.Email).WaitForAsync();
            await ConsoleFixture.CheckPageAsync(page, "user");

            // A button by the keyboard, and the dialog it opens.
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete user" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
            await ConsoleFixture.CheckPageAsync(page, "confirm");
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
            await Heading(page, user.Email).WaitForAsync();
        }
    }

    private static async Task TabToAsync(IPage page, string inputName)
    {
        for (var i = 0; i < 10; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("document.activeElement && document.activeElement.name") == inputName) return;
        }

        Assert.Fail($"Tab never reached the {inputName} field");
    }

    [GeneratedRegex(@"^Sign out .+\(Browser console\)$")]
    private static partial Regex SignOutDevice();

    [GeneratedRegex("^End session ")]
    private static partial Regex EndSession();

    [GeneratedRegex(@"from (127\.0\.0\.1|::1)")]
    private static partial Regex AddressText();
}

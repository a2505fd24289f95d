using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Accounts;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>Base of the HTTP tests: a clean database per test and small helpers that speak the contract.</summary>
public abstract class ApiTest(ApiFactory factory) : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    private static int _counter;

    protected ApiFactory Factory { get; } = factory;
    protected HttpClient Client { get; } = factory.CreateClient();

    public Task InitializeAsync() => Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected static string NewEmail() => $"user{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}@example.com";

    protected async Task<Account> RegisterAsync(string? email = null)
    {
        email ??= NewEmail();
        var response = await Client.PostAsJsonAsync("/api/auth/register", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Account(body.GetProperty("id").GetGuid(), email, Password);
    }

    protected async Task<Account> CreateAdminAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var email = NewEmail();
        var user = await accounts.CreateUserAsync(email, Password, "Admin", [Role.Admin, Role.User], CancellationToken.None);
        return new Account(user.Id, email, Password);
    }

    protected async Task<Tokens> LoginAsync(Account account, string device = "device")
    {
        var response = await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.Password, deviceName = device });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    protected Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    protected async Task<Tokens> RefreshOkAsync(string refreshToken)
    {
        var response = await RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    protected Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? accessToken, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null) request.Content = JsonContent.Create(body);
        return Client.SendAsync(request);
    }

    protected Task<HttpResponseMessage> GetMeAsync(string? accessToken) => SendAsync(HttpMethod.Get, "/api/users/me", accessToken);

    protected Task<HttpResponseMessage> SendRawAuthorizationAsync(string url, string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return Client.SendAsync(request);
    }

    protected async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected Task<User> UserRowAsync(Guid id) => WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

    /// <summary>Asserts an RFC 9457 problem with the contract's code and a traceId; returns the body.</summary>
    protected static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("traceId").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
        // RFC 9110 §15.5.2: a 401 always names a scheme.
        if (status == HttpStatusCode.Unauthorized) Assert.NotEmpty(response.Headers.WwwAuthenticate);
        return body;
    }

    protected static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string code)
    {
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, code);
        // RFC 6750 §3.1: a request that sent no token gets the bare challenge, any other an error code.
        var challenge = Assert.Single(response.Headers.GetValues("WWW-Authenticate"));
        var expected = code == "token_missing" ? "^Bearer$" : "^Bearer error=\"invalid_token\", error_description=\"[^\"]+\"$";
        Assert.Matches(expected, challenge);
    }
}

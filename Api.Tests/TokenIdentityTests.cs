using System.Security.Claims;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.Tests;

/// <summary>The lazily built principal answers like one built with every claim up front.</summary>
public sealed class TokenIdentityTests
{
    private static readonly AccessTokenClaims Token = new()
    {
        KeyId = "k", UserId = Guid.NewGuid(), SessionId = Guid.NewGuid(), Version = 7, Roles = ["admin", "user"],
    };

    [Fact]
    public void RolesAndIds_AreReadWithoutBuildingClaims()
    {
        var principal = TokenPrincipal.Create(Token, "VersionedBearer");

        Assert.True(principal.IsInRole("admin"));
        Assert.False(principal.IsInRole("auditor"));
        Assert.Equal(Token.UserId, principal.UserId());
        Assert.Equal(Token.SessionId, principal.SessionId());
        Assert.Equal(7, principal.TokenVersion());
        Assert.True(principal.Identity!.IsAuthenticated);
    }

    [Fact]
    public void Claims_WhenAskedFor_AreEveryClaimOfTheToken()
    {
        var principal = TokenPrincipal.Create(Token, "VersionedBearer");

        Assert.Equal(Token.UserId.ToString("D"), principal.FindFirstValue(AppClaims.Subject));
        Assert.Equal(Token.UserId.ToString("D"), principal.Identity!.Name);
        var claims = principal.Claims.Select(c => $"{c.Type}={c.Value}").Order();
        Assert.Equal(
            new[] { $"sid={Token.SessionId:D}", $"sub={Token.UserId:D}", "role=admin", "role=user", "ver=7" }.Order(),
            claims);
        Assert.True(principal.IsInRole("user"));
        Assert.Equal(5, ((ClaimsIdentity)principal.Identity).Clone().Claims.Count());
    }
}

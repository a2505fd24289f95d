using System.Text.Json.Serialization;

namespace TokenVersioning.Api.Auth;

public sealed record LoginRequest(string? Email, string? Password, string? DeviceName, string? RefreshTokenDelivery = null)
{
    [JsonIgnore]
    public bool CookieDelivery => RefreshTokenDelivery == BrowserTokens.Cookie;

    public override string ToString() => $"LoginRequest {{ Email = {Email}, DeviceName = {DeviceName}, RefreshTokenDelivery = {RefreshTokenDelivery} }}";
}

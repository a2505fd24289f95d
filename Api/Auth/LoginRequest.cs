namespace TokenVersioning.Api.Auth;

public sealed record LoginRequest(string? Email, string? Password, string? DeviceName)
{
    public override string ToString() => $"LoginRequest {{ Email = {Email}, DeviceName = {DeviceName} }}";
}

namespace TokenVersioning.Api.Auth;

// ToString is overridden wherever a record holds a secret: MVC logs action arguments at Debug level.
public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName)
{
    public override string ToString() => $"RegisterRequest {{ Email = {Email}, DisplayName = {DisplayName} }}";
}

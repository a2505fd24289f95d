namespace TokenVersioning.Api.Auth;

public sealed record RefreshRequest(string? RefreshToken)
{
    public override string ToString() => "RefreshRequest { RefreshToken = *** }";
}

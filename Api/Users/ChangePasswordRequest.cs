namespace TokenVersioning.Api.Users;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword)
{
    public override string ToString() => "ChangePasswordRequest { CurrentPassword = ***, NewPassword = *** }";
}

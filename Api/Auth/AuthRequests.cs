using FluentValidation;
using TokenVersioning.Api.Validation;
using TokenVersioning.Domain.Sessions;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Api.Auth;

// ToString is overridden wherever a record holds a secret: MVC logs action arguments at Debug level.
public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName)
{
    public override string ToString() => $"RegisterRequest {{ Email = {Email}, DisplayName = {DisplayName} }}";
}

public sealed record LoginRequest(string? Email, string? Password, string? DeviceName)
{
    public override string ToString() => $"LoginRequest {{ Email = {Email}, DeviceName = {DeviceName} }}";
}

public sealed record RefreshRequest(string? RefreshToken)
{
    public override string ToString() => "RefreshRequest { RefreshToken = *** }";
}

/// <summary>Password lengths, counted in Unicode code points.</summary>
internal static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
}

internal sealed class RegisterRequestValidator : AbstractValidator<RegisterRequest>
{
    public RegisterRequestValidator()
    {
        RuleFor(r => r.Email).WellFormedEmail();
        RuleFor(r => r.Password).NewPassword();
        RuleFor(r => r.DisplayName).MaximumLength(User.DisplayNameMaxLength);
    }
}

internal sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Email).WellFormedEmail();
        // No minimum here: a short guess is simply wrong, and saying so reveals nothing.
        RuleFor(r => r.Password).PresentedPassword();
        RuleFor(r => r.DeviceName).MaximumLength(Session.DeviceNameMaxLength);
    }
}

internal sealed class RefreshRequestValidator : AbstractValidator<RefreshRequest>
{
    public RefreshRequestValidator() => RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(512);
}

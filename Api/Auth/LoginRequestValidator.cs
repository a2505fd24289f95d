using FluentValidation;
using TokenVersioning.Api.Validation;
using TokenVersioning.Domain.Sessions;

namespace TokenVersioning.Api.Auth;

internal sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Email).WellFormedEmail();
        // No minimum here: a short guess is simply wrong, and saying so reveals nothing.
        RuleFor(r => r.Password).PresentedPassword();
        RuleFor(r => r.DeviceName).StoredText(Session.DeviceNameMaxLength);
        RuleFor(r => r.RefreshTokenDelivery).Must(d => d is null or BrowserTokens.Json or BrowserTokens.Cookie)
            .WithMessage("'refreshTokenDelivery' must be \"json\" or \"cookie\".");
    }
}

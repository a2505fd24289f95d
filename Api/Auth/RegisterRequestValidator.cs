using FluentValidation;
using TokenVersioning.Api.Validation;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Api.Auth;

internal sealed class RegisterRequestValidator : AbstractValidator<RegisterRequest>
{
    public RegisterRequestValidator()
    {
        RuleFor(r => r.Email).WellFormedEmail();
        RuleFor(r => r.Password).NewPassword();
        RuleFor(r => r.DisplayName).StoredText(User.DisplayNameMaxLength);
    }
}

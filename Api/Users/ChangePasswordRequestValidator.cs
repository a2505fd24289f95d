using FluentValidation;
using TokenVersioning.Api.Validation;

namespace TokenVersioning.Api.Users;

internal sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).PresentedPassword();
        RuleFor(r => r.NewPassword).NewPassword()
            .NotEqual(r => r.CurrentPassword).WithMessage("'New Password' must differ from the current password.");
    }
}

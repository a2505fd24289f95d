using FluentValidation;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Api.Admin;

internal sealed class RolesRequestValidator : AbstractValidator<RolesRequest>
{
    public RolesRequestValidator() =>
        RuleFor(r => r.Roles).NotNull()
            .Must(roles => roles is null || (roles.Count is > 0 and <= 10 && roles.All(role => role is not null && Role.All.Contains(role))
                && roles.Distinct(StringComparer.Ordinal).Count() == roles.Count))
            .WithMessage($"'roles' must list each role once, from: {string.Join(", ", Role.All)}.");
}

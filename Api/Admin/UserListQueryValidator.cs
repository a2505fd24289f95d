using FluentValidation;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Api.Admin;

internal sealed class UserListQueryValidator : AbstractValidator<UserListQuery>
{
    public UserListQueryValidator()
    {
        RuleFor(q => q.Email).MaximumLength(User.EmailMaxLength);
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

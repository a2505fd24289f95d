using FluentValidation;
using TokenVersioning.Domain.Audit;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Api.Admin;

public sealed record ReasonRequest(string? Reason);

public sealed record UserListQuery(string? Email, int Page = 1, int PageSize = 20);

public sealed record AuditQuery(Guid? UserId, int Page = 1, int PageSize = 20);

internal static class Paging
{
    public const int MaxPageSize = 100;
}

internal sealed class ReasonRequestValidator : AbstractValidator<ReasonRequest>
{
    public ReasonRequestValidator() => RuleFor(r => r.Reason).MaximumLength(AuditEvent.ReasonMaxLength);
}

internal sealed class UserListQueryValidator : AbstractValidator<UserListQuery>
{
    public UserListQueryValidator()
    {
        RuleFor(q => q.Email).MaximumLength(User.EmailMaxLength);
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

internal sealed class AuditQueryValidator : AbstractValidator<AuditQuery>
{
    public AuditQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

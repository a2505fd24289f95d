using TokenVersioning.Domain.Audit;
using FluentValidation;
using TokenVersioning.Api.Validation;

namespace TokenVersioning.Api.Admin;

internal sealed class AuditQueryValidator : AbstractValidator<AuditQuery>
{
    public AuditQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
        RuleFor(q => q.Event).Must(e => e is null || AuditNames.All.Contains(e))
            .WithMessage($"'event' must be one of: {string.Join(", ", AuditNames.All)}.");
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("'to' must not be before 'from'.");
    }
}

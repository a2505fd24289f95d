using FluentValidation;
using TokenVersioning.Api.Validation;
using TokenVersioning.Domain.Audit;

namespace TokenVersioning.Api.Admin;

internal sealed class ReasonRequestValidator : AbstractValidator<ReasonRequest>
{
    public ReasonRequestValidator() => RuleFor(r => r.Reason).StoredText(AuditEvent.ReasonMaxLength);
}

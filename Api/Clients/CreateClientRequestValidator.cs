using FluentValidation;
using TokenVersioning.Api.Validation;
using TokenVersioning.Domain.Clients;

namespace TokenVersioning.Api.Clients;

internal sealed class CreateClientRequestValidator : AbstractValidator<CreateClientRequest>
{
    public CreateClientRequestValidator() => RuleFor(r => r.Name).NotEmpty().StoredText(ApiClient.NameMaxLength);
}

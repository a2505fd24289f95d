using FluentValidation;
using TokenVersioning.Domain.Clients;

namespace TokenVersioning.Api.Clients;

internal sealed class CreateClientRequestValidator : AbstractValidator<CreateClientRequest>
{
    public CreateClientRequestValidator() => RuleFor(r => r.Name).NotEmpty().MaximumLength(ApiClient.NameMaxLength);
}

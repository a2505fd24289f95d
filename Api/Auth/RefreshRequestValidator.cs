using FluentValidation;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Sessions;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.Auth;

internal sealed class RefreshRequestValidator : AbstractValidator<RefreshRequest>
{
    public RefreshRequestValidator(IOptions<TokenOptions> options) =>
        RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(TokenText.MaxLength(options.Value));
}

using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace TokenVersioning.Api.Validation;

internal static class ValidationExtensions
{
    /// <summary>Runs the validator; returns a ValidationProblem keyed by camelCase field, or null when valid.</summary>
    public static async Task<IActionResult?> ValidateAsync<T>(this ControllerBase controller, IValidator<T> validator, T request, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(request, ct);
        if (result.IsValid) return null;
        foreach (var error in result.Errors)
            controller.ModelState.AddModelError(JsonNamingPolicy.CamelCase.ConvertName(error.PropertyName), error.ErrorMessage);
        return controller.ValidationProblem(controller.ModelState);
    }

    public static IRuleBuilderOptions<T, string?> WellFormedEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(Domain.Users.User.EmailMaxLength).Must(BeWellFormedEmail)
            .WithMessage("'{PropertyName}' is not a well-formed email address.");

    private static bool BeWellFormedEmail(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.Any(char.IsWhiteSpace) || email.Any(char.IsControl)) return false;
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email) return false;
        var domain = address.Host;
        return domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.');
    }
}

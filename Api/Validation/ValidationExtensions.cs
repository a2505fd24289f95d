using System.Text;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TokenVersioning.Api.Validation;

internal static class ValidationExtensions
{
    /// <summary>Runs the validator; returns a ValidationProblem keyed by field (see <see cref="FieldKey"/>), or null when valid.</summary>
    public static async Task<IActionResult?> ValidateAsync<T>(this ControllerBase controller, IValidator<T> validator, T request, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(request, ct);
        if (result.IsValid) return null;
        // A fresh dictionary: the controller's own already holds the bound properties under their C# names, and
        // its keys match case-insensitively, so "pageSize" would be reported as "PageSize".
        var errors = new ModelStateDictionary();
        foreach (var error in result.Errors)
            errors.AddModelError(FieldKey(controller.Request, error.PropertyName), error.ErrorMessage);
        return controller.ValidationProblem(errors);
    }

    /// <summary>A password to set: 12 to 128 Unicode code points (an emoji counts once), not only whitespace.</summary>
    public static IRuleBuilderOptions<T, string?> NewPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .Must(p => CodePoints(p) is >= PasswordRules.MinLength and <= PasswordRules.MaxLength)
            .WithMessage($"'{{PropertyName}}' must be {PasswordRules.MinLength} to {PasswordRules.MaxLength} characters long.")
            .Must(p => p is null || p.EnumerateRunes().Any(r => !Rune.IsWhiteSpace(r)))
            .WithMessage("'{PropertyName}' must not be only whitespace.");

    /// <summary>A password presented to be checked: present and at most 128 code points.</summary>
    public static IRuleBuilderOptions<T, string?> PresentedPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .Must(p => CodePoints(p) <= PasswordRules.MaxLength)
            .WithMessage($"'{{PropertyName}}' must be at most {PasswordRules.MaxLength} characters long.");

    /// <summary>
    /// A text that is stored and shown (a name, a reason): at most <paramref name="maxLength"/> characters and no
    /// control character (PostgreSQL refuses a NUL in text, and nobody means a line break in a device name).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> StoredText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength)
            .Must(text => text is null || !text.Any(char.IsControl))
            .WithMessage("'{PropertyName}' must not contain control characters.");

    private static int CodePoints(string? text) => text is null ? 0 : text.EnumerateRunes().Count();

    /// <summary>
    /// The key a field's error goes under: a query parameter's name exactly as the client sent it (query names match
    /// case-insensitively), otherwise the camelCase name of the body's field.
    /// </summary>
    public static string FieldKey(HttpRequest request, string name)
    {
        foreach (var sent in request.Query.Keys)
        {
            if (string.Equals(sent, name, StringComparison.OrdinalIgnoreCase)) return sent;
        }

        return JsonNamingPolicy.CamelCase.ConvertName(name);
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

using System.Text.Json;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TokenVersioning.Api.OpenApi;

/// <summary>
/// Copies the limits of a request's FluentValidation validator into its schema: which fields are required, minimum
/// and maximum length. Rules a schema cannot say (a well-formed email, a length in code points) go into the description.
/// </summary>
internal sealed class ValidationLimits : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var validatorType = typeof(IValidator<>).MakeGenericType(context.JsonTypeInfo.Type);
        if (context.ApplicationServices.GetService(validatorType) is not IValidator validator || schema.Properties is null) return Task.CompletedTask;

        // The validator decides what is required, not the record's constructor (its parameters are all nullable).
        var required = new HashSet<string>();
        foreach (var member in validator.CreateDescriptor().GetMembersWithValidators())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(member.Key);
            if (!schema.Properties.TryGetValue(name, out var property) || property is not OpenApiSchema target) continue;
            foreach (var (rule, component) in member)
            {
                switch (rule)
                {
                    case INotEmptyValidator or INotNullValidator:
                        required.Add(name);
                        target.MinLength ??= 1;
                        // The record's parameter is nullable so that a missing field reaches the validator; the
                        // contract's field is not: a client must send a value.
                        if (target.Type is { } type) target.Type = type & ~JsonSchemaType.Null;
                        break;
                    case ILengthValidator length:
                        if (length.Min > 0) target.MinLength = length.Min;
                        if (length.Max > 0) target.MaxLength = length.Max;
                        break;
                    case IPredicateValidator:
                        // The rule's own message says what it checks, e.g. "'password' must be 12 to 128 characters long."
                        var message = component.GetUnformattedErrorMessage().Replace("{PropertyName}", name, StringComparison.Ordinal);
                        target.Description = Append(target.Description, $"Refused when it breaks this rule: {message}");
                        break;
                }
            }
        }

        schema.Required = required;
        return Task.CompletedTask;
    }

    private static string Append(string? description, string text) =>
        string.IsNullOrEmpty(description) ? text : description.Contains(text, StringComparison.Ordinal) ? description : $"{description} {text}";
}

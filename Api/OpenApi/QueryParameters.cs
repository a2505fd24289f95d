using System.Globalization;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TokenVersioning.Api.OpenApi;

/// <summary>
/// Query parameters under the names clients send (<c>pageSize</c>), with the limits of the query's validator:
/// minimum and maximum, and maximum length; and those an action reads itself (<see cref="QueryParameterAttribute"/>).
/// </summary>
internal sealed class QueryParameters : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var declared in context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameterAttribute>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = declared.Name, In = ParameterLocation.Query, Description = declared.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (operation.Parameters is null) return Task.CompletedTask;
        var query = context.Description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Query)?.ModelMetadata?.ContainerType;
        var rules = query is null ? null : RulesOf(query, context.ApplicationServices);
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            var property = parameter.Name!;
            parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(property);
            if (rules is null || parameter.Schema is not OpenApiSchema schema) continue;
            foreach (var rule in rules.Where(r => r.Member == property).Select(r => r.Rule))
            {
                switch (rule)
                {
                    case IBetweenValidator between:
                        schema.Minimum = Number(between.From);
                        schema.Maximum = Number(between.To);
                        break;
                    case IComparisonValidator { Comparison: Comparison.GreaterThanOrEqual } atLeast:
                        schema.Minimum = Number(atLeast.ValueToCompare);
                        break;
                    case ILengthValidator { Max: > 0 } length:
                        schema.MaxLength = length.Max;
                        break;
                }
            }
        }

        return Task.CompletedTask;
    }

    private static List<(string Member, IPropertyValidator Rule)>? RulesOf(Type query, IServiceProvider services) =>
        services.GetService(typeof(IValidator<>).MakeGenericType(query)) is IValidator validator
            ? validator.CreateDescriptor().GetMembersWithValidators()
                .SelectMany(member => member.Select(rule => (member.Key, rule.Validator))).ToList()
            : null;

    private static string? Number(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);
}

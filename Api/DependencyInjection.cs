using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using TokenVersioning.Api.Auth;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Api.Edge;
using TokenVersioning.Api.Events;
using Microsoft.Extensions.Options;
using TokenVersioning.Api.Health;
using TokenVersioning.Api.Logging;
using TokenVersioning.Api.OpenApi;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TokenVersioning.Api.Deadlines;
using TokenVersioning.Api.Problems;
using TokenVersioning.Api.WebConsole;
using TokenVersioning.Api.Validation;
using TokenVersioning.Infrastructure.Revocation;

namespace TokenVersioning.Api;

public static class DependencyInjection
{
    private const string ReadyTag = "ready";
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(2);

    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddControllers(o =>
        {
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            // Nothing binds from a form (the OAuth endpoints read theirs themselves), and the jQuery-style providers
            // threw on a key with an unbalanced bracket, in a form or in a query string.
            o.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
            o.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
            o.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            o.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
        });
        // Numbers are JSON numbers, in and out: the web defaults also read "2" as 2, and the document then typed every
        // number as "integer or string".
        services.Configure<JsonOptions>(o => o.JsonSerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.Configure<ApiBehaviorOptions>(o => o.InvalidModelStateResponseFactory = ModelStateProblem.Create);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemWriter.Customize);
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddSingleton<ProblemWriter>();
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        // First of the writers, so that it writes every problem, whatever the request's Accept.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, AnyAcceptProblemWriter>());
        services.AddValidatorsFromAssemblyContaining<RegisterRequestValidator>(includeInternalTypes: true);

        services.AddAuthentication(VersionedBearerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, VersionedBearerHandler>(VersionedBearerHandler.SchemeName, null);
        services.AddAuthorization();
        builder.AddTelemetry();
        builder.AddApiDocument();
        services.AddAuthRateLimits();
        services.AddForwardedHeadersFromTrustedProxies();
        services.AddManagementPort();
        services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventsOptions>, EventsOptionsValidator>();
        // Each check answers within two seconds, so /health/ready does.
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: HealthCheckTimeout)
            .AddCheck<ConfirmationHealthCheck>("revocation-log", tags: [ReadyTag], timeout: HealthCheckTimeout);
        if (RevocationPropagationOptions.UsesRedis(builder.Configuration))
            checks.AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag], timeout: HealthCheckTimeout);
        return builder;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseForwardedHeadersFromTrustedProxies();
        app.UseManagementPort();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.Use(RequestLogMiddleware.RecordRouteAsync);
        // After routing (which reads no body), so that the OAuth endpoints answer an oversized form their RFC's way.
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<ContentTypeGuardMiddleware>();
        app.UseMiddleware<DatabaseDeadlineMiddleware>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapControllers();
        app.MapTelemetry();
        app.MapApiDocument();
        app.MapConsole();
        // GET and HEAD only: routing answers any other method with a 405 problem.
        var readOnly = new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithMetadata(readOnly);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthAnswer.WriteAsync })
            .WithMetadata(readOnly);
        return app;
    }
}

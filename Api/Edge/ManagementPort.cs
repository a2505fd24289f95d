using Microsoft.Extensions.Options;
using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.Edge;

/// <summary>Keeps the operator's endpoints on <c>Management:Port</c> and the API off it (see <see cref="ManagementOptions"/>).</summary>
internal static class ManagementPort
{
    public static IServiceCollection AddManagementPort(this IServiceCollection services)
    {
        services.AddOptions<ManagementOptions>().BindConfiguration(ManagementOptions.Section).ValidateOnStart();
        return services.AddSingleton<IValidateOptions<ManagementOptions>, ManagementOptionsValidator>();
    }

    /// <summary>Adds the management listener to the URLs the service listens on (before the host is built).</summary>
    public static void Listen(IWebHostBuilder webHost, IConfiguration configuration)
    {
        if (!int.TryParse(configuration["Management:Port"], out var port) || port is < 1 or > 65535) return;
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        var listen = string.IsNullOrWhiteSpace(urls) ? "http://localhost:5000" : urls;
        webHost.UseUrls([.. listen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), $"http://*:{port}"]);
    }

    public static WebApplication UseManagementPort(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ManagementOptions>>().Value.Port is not { } port) return app;
        app.Use((context, next) =>
        {
            var onManagementPort = context.Connection.LocalPort == port;
            if (onManagementPort == ManagementOptions.IsManagementPath(context.Request.Path)) return next(context);
            var problems = context.RequestServices.GetRequiredService<ProblemWriter>();
            return problems.WriteAsync(context, StatusCodes.Status404NotFound, "not_found", "Not found", $"There is nothing at {context.Request.Path}.");
        });
        return app;
    }
}

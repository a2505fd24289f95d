using Microsoft.Extensions.Options;
using TokenVersioning.Api;
using TokenVersioning.Api.Edge;
using TokenVersioning.Infrastructure;

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(StartupFailure.Options(args));
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
    ManagementPort.Listen(builder.WebHost, builder.Configuration);
    builder.AddInfrastructure();
    builder.AddApi();
    app = builder.Build();
    // Every setting is checked before anything starts, so that a bad one is one line, not a host failure. (Under
    // the test host the host's own start-up check reports it, as an exception the test can read.)
    if (!StartupFailure.UnderTestHost(app)) app.Services.GetRequiredService<IStartupValidator>().Validate();
    app.UseApi();
}
catch (Exception e) when (StartupFailure.TryDescribe(e, out var line))
{
    Console.Error.WriteLine(line);
    return StartupFailure.ExitCode;
}

app.Run();
return 0;

public partial class Program;

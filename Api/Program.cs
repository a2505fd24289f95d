using TokenVersioning.Api;
using TokenVersioning.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.AddInfrastructure();
builder.AddApi();

var app = builder.Build();
app.UseApi();
app.Run();

public partial class Program;

namespace TokenVersioning.Api.Tests.Support;

public sealed record Account(Guid Id, string Email, string Password);

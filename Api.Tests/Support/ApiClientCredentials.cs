namespace TokenVersioning.Api.Tests.Support;

public sealed record ApiClientCredentials(Guid Id, string ClientId, string ClientSecret);

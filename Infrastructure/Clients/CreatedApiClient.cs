namespace TokenVersioning.Infrastructure.Clients;

public sealed record CreatedApiClient(Guid Id, string ClientId, string ClientSecret, string Name, DateTimeOffset CreatedAt);

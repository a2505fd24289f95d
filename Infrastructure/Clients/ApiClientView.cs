namespace TokenVersioning.Infrastructure.Clients;

public sealed record ApiClientView(Guid Id, string ClientId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

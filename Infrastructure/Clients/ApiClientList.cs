namespace TokenVersioning.Infrastructure.Clients;

public sealed record ApiClientList(IReadOnlyList<ApiClientView> Items);

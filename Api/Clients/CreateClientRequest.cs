namespace TokenVersioning.Api.Clients;

public sealed record CreateClientRequest(string? Name);

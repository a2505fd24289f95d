namespace TokenVersioning.Domain.Clients;

/// <summary>
/// Another service allowed to introspect and revoke tokens and to follow revocation events. It authenticates
/// with its client id and secret; only the secret's SHA-256 is stored.
/// </summary>
public sealed class ApiClient
{
    public const int NameMaxLength = 100;
    public const int SecretHashLength = 32;

    public Guid Id { get; init; }
    public required string ClientId { get; init; }
    public required byte[] SecretHash { get; init; }
    public required string Name { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; set; }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Domain.Audit;
using TokenVersioning.Domain.Clients;
using TokenVersioning.Domain.Errors;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Infrastructure.Clients;

/// <summary>API clients: created and deleted by admins (audited), authenticated by id and secret.</summary>
public sealed class ApiClientService(AppDbContext db, ClientStreams streams, TimeProvider time)
{
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public async Task<CreatedApiClient> CreateAsync(string name, Guid adminId, CancellationToken ct)
    {
        // Base64url: only unreserved characters, so the form-urlencoded and the plain reading of Basic agree.
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var client = new ApiClient
        {
            Id = Guid.NewGuid(),
            ClientId = "tvc_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12)),
            SecretHash = Hash(secret),
            Name = name,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiClients.Add(client);
        db.AuditEvents.Add(Audit(adminId, AuditNames.ClientCreated, client));
        await db.SaveChangesAsync(ct);
        return new CreatedApiClient(client.Id, client.ClientId, secret, client.Name, client.CreatedAt);
    }

    public async Task<ApiClientList> ListAsync(CancellationToken ct) =>
        new(await db.ApiClients.AsNoTracking().OrderBy(c => c.CreatedAt)
            .Select(c => new ApiClientView(c.Id, c.ClientId, c.Name, c.CreatedAt, c.LastUsedAt))
            .ToListAsync(ct));

    public async Task DeleteAsync(Guid id, Guid adminId, CancellationToken ct)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.Id == id, ct)
                     ?? throw new NotFoundException("client_not_found", "No API client has this id.");
        db.ApiClients.Remove(client);
        db.AuditEvents.Add(Audit(adminId, AuditNames.ClientDeleted, client));
        await db.SaveChangesAsync(ct);
        streams.Close(client.Id);
    }

    /// <summary>The client these credentials belong to, or null. The secret is compared in constant time.</summary>
    public async Task<ApiClient?> AuthenticateAsync(BasicCredentials? credentials, CancellationToken ct)
    {
        if (credentials is not { } presented) return null;
        var client = await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == presented.ClientId, ct);
        // Hash even when the id is unknown, so that the answer takes as long either way.
        var hash = Hash(presented.Secret);
        if (client is null || !CryptographicOperations.FixedTimeEquals(hash, client.SecretHash)) return null;

        var now = time.GetUtcNow();
        if (client.LastUsedAt is null || now - client.LastUsedAt >= LastUsedPrecision)
        {
            var stale = now - LastUsedPrecision;
            await db.ApiClients.Where(c => c.Id == client.Id && (c.LastUsedAt == null || c.LastUsedAt < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastUsedAt, now), ct);
        }

        return client;
    }

    /// <summary>Whether the client still exists (an open event stream checks now and then).</summary>
    public Task<bool> ExistsAsync(Guid id, CancellationToken ct) => db.ApiClients.AnyAsync(c => c.Id == id, ct);

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private AuditEvent Audit(Guid adminId, string evt, ApiClient client) => new()
    {
        At = time.GetUtcNow(),
        UserId = adminId,
        ActorId = adminId,
        ActorKind = AuditActorKind.User,
        Event = evt,
        Reason = $"API client {client.ClientId} ({client.Name})",
    };
}

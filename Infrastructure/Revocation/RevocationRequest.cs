using TokenVersioning.Domain.Revocation;

namespace TokenVersioning.Infrastructure.Revocation;

public sealed record RevocationRequest(
    Guid UserId,
    RevocationEvent Event,
    Guid? SessionId = null,
    Guid? ActorId = null,
    string? Reason = null);

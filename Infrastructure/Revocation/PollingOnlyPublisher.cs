using TokenVersioning.Domain.Revocation;

namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>One node, or no fast channel configured: the other nodes hear of revocations by polling the log.</summary>
internal sealed class PollingOnlyPublisher : IRevocationPublisher
{
    public void Publish(RevocationLogEntry entry)
    {
    }
}

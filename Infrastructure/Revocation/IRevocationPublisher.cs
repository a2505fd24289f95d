using TokenVersioning.Domain.Revocation;

namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>Tells the other nodes of a committed revocation, fast. Never the proof: the log is.</summary>
public interface IRevocationPublisher
{
    /// <summary>Queues the notice and returns at once; delivery is retried in the background.</summary>
    void Publish(RevocationLogEntry entry);
}

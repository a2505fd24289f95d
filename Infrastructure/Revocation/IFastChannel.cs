namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>A fast channel between nodes whose connection can be down.</summary>
public interface IFastChannel
{
    bool IsConnected { get; }
}

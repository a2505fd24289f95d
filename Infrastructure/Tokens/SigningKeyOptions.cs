namespace TokenVersioning.Infrastructure.Tokens;

public sealed class SigningKeyOptions
{
    public string Id { get; set; } = "";

    /// <summary>Base64, at least 32 bytes once decoded.</summary>
    public string Secret { get; set; } = "";
}

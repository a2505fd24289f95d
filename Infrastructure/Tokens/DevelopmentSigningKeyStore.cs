using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>
/// In Development only, and only when no key is configured: generates a master key once and keeps it in a file
/// under the content root, so tokens survive a restart. Outside Development nothing is generated and validation
/// stops start-up with a message naming <c>Tokens:SigningKeys</c>.
/// </summary>
internal sealed class DevelopmentSigningKeyStore(IHostEnvironment environment, ILogger<DevelopmentSigningKeyStore> logger)
    : IPostConfigureOptions<TokenOptions>
{
    private const string KeyId = "dev";
    private readonly Lazy<(SigningKeyOptions Key, string Path)> _key = new(() => Load(environment.ContentRootPath));

    public void PostConfigure(string? name, TokenOptions options)
    {
        if (options.SigningKeys.Count > 0 || !environment.IsDevelopment()) return;

        var first = !_key.IsValueCreated;
        var (key, path) = _key.Value;
        options.SigningKeys.Add(key);
        options.ActiveKeyId ??= key.Id;
        if (first)
        {
            logger.LogWarning(
                "No Tokens:SigningKeys configured; using the development key stored in {Path}. Never use it outside Development.",
                path);
        }
    }

    private static (SigningKeyOptions, string) Load(string contentRoot)
    {
        var path = Path.Combine(contentRoot, ".devkeys", "signing-key.json");
        return (ReadKey(path) ?? CreateKey(path), path);
    }

    private static SigningKeyOptions? ReadKey(string path)
    {
        if (!File.Exists(path)) return null;
        return JsonSerializer.Deserialize<SigningKeyOptions>(File.ReadAllText(path));
    }

    private static SigningKeyOptions CreateKey(string path)
    {
        var key = new SigningKeyOptions { Id = KeyId, Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(key));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
        return key;
    }
}

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TokenVersioning.Api.OpenApi;

/// <summary>
/// Says what each field of the contract is, in one table: the same names (<c>id</c>, <c>tokenVersion</c>) mean the
/// same thing on every schema, and a schema-specific entry wins where they do not. Runs on the finished
/// components, so that it reaches properties that refer to another schema too, and puts its text before the rules
/// <see cref="ValidationLimits"/> wrote. A field missing here fails <c>OpenApiTests</c>.
/// </summary>
internal sealed class FieldDescriptions : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> ByName = new(StringComparer.Ordinal)
    {
        ["id"] = "The record's id (a UUID).",
        ["userId"] = "The user's id (a UUID).",
        ["email"] = "The account's email address, as registered; compared case-insensitively.",
        ["displayName"] = "The name shown for the user; optional.",
        ["password"] = "The account's password.",
        ["currentPassword"] = "The password the account has now.",
        ["newPassword"] = "The password to set: 12 to 128 characters, not only whitespace.",
        ["deviceName"] = "A name for this device's session, shown in the list of sessions; optional.",
        ["refreshToken"] = "The session's newest refresh token; it is retired when used.",
        ["reason"] = "Why the administrator did this; kept in the audit log. Optional.",
        ["name"] = "A name for the API client, shown to administrators.",
        ["roles"] = "The user's roles (`user`, `admin`).",
        ["tokenVersion"] = "The user's token version: every revocation raises it, and only tokens carrying the current one are accepted.",
        ["disabled"] = "Whether an administrator disabled the account.",
        ["createdAt"] = "When it was created (UTC).",
        ["lastUsedAt"] = "When it was last used (UTC).",
        ["expiresAt"] = "When it ends at the latest (UTC), unless it is ended before.",
        ["current"] = "Whether this is the session of the token that asked.",
        ["activeSessions"] = "The user's sessions that have not ended.",
        ["items"] = "The records on this page.",
        ["total"] = "How many records match, on every page.",
        ["accessToken"] = "The access token (a JWT): send it as `Authorization: Bearer <accessToken>`.",
        ["tokenType"] = "Always `Bearer`.",
        ["expiresIn"] = "Seconds until the access token expires.",
        ["refreshTokenExpiresIn"] = "Seconds until the refresh token expires if it is not used before.",
        ["sessionId"] = "The session (device) these tokens belong to.",
        ["clientId"] = "The API client's id, its user name for HTTP Basic or client_secret_post.",
        ["clientSecret"] = "The API client's secret; shown once, in this answer only.",
        ["at"] = "When it happened (UTC).",
        ["actorId"] = "Who did it: the user's or administrator's id, or the API client's; absent for the service itself.",
        ["event"] = "What happened, e.g. `logout`, `password_changed`, `user_disabled`.",
        ["type"] = "A URI for the kind of problem.",
        ["title"] = "A short summary of the kind of problem.",
        ["status"] = "The HTTP status code.",
        ["detail"] = "What went wrong with this request, for people.",
        ["instance"] = "The request path the problem is about.",
        ["code"] = "The stable reason clients act on; each operation lists the codes it can answer.",
        ["traceId"] = "The request's trace id, to quote when reporting the problem.",
        ["errors"] = "The messages for each invalid field (query parameters under their name as sent).",
        ["error"] = "The OAuth error code (RFC 6749 §5.2).",
        ["error_description"] = "What went wrong, for people.",
        ["issuer"] = "The issuer: the service's public URL, every endpoint is under it.",
        ["introspection_endpoint"] = "Where to introspect tokens (RFC 7662).",
        ["introspection_endpoint_auth_methods_supported"] = "How API clients authenticate to introspection.",
        ["revocation_endpoint"] = "Where to revoke tokens (RFC 7009).",
        ["revocation_endpoint_auth_methods_supported"] = "How API clients authenticate to revocation.",
        ["tokenversioning_revocation_events_endpoint"] = "The revocation event stream (Server-Sent Events).",
        ["tokenversioning_verify_endpoint"] = "The gateway check for reverse proxies.",
        ["active"] = "Whether the token is active now: not expired, not revoked, its user enabled.",
        ["token_type"] = "`access_token` or `refresh_token`.",
        ["sub"] = "The user's id.",
        ["sid"] = "The session's id.",
        ["ver"] = "The token version the token carries.",
        ["iss"] = "The issuer.",
        ["aud"] = "The audience.",
        ["exp"] = "When the token stops working (seconds since 1970); for a refresh token the earlier of the session's end and its idle timeout.",
        ["iat"] = "When the token was issued (seconds since 1970).",
        ["nbf"] = "The token is not valid before this time (seconds since 1970).",
        ["jti"] = "The access token's unique id.",
        ["role"] = "The user's role, or roles as a list.",
        ["client_id"] = "The API client that asked.",
        ["device"] = "What the device is, from its user agent: browser and operating system, or the program's name.",
        ["userAgent"] = "The User-Agent the session was created with.",
        ["createdFrom"] = "The client address the session was created from.",
        ["lastUsedFrom"] = "The client address of the session's last login or refresh.",
        ["userEmail"] = "The user's email; absent once the account is deleted.",
        ["actor"] = "Who did it.",
        ["kind"] = "`user` (the account itself or an administrator), `client` (an API client) or `system` (the service).",
        ["from"] = "The client address it came from, where known (sign-ins).",
        ["refreshTokenDelivery"] = "`json` (the default): the refresh token is in the answer's body. `cookie` (browsers): it is set as an HttpOnly cookie for /api/auth and left out of the body.",
    };

    /// <summary>Fields whose meaning differs on one schema: "Schema.field".</summary>
    private static readonly Dictionary<string, string> BySchema = new(StringComparer.Ordinal)
    {
        ["RegisterRequest.password"] = "The password to set: 12 to 128 characters, not only whitespace.",
        ["CreateClientRequest.name"] = "A name for the API client, shown to administrators.",
        ["AuditView.userId"] = "The user the entry is about.",
        ["AuditView.tokenVersion"] = "The user's token version after the event.",
        ["VersionView.tokenVersion"] = "The user's token version after the revocation.",
        ["ApiClientView.lastUsedAt"] = "When the client last authenticated (UTC); absent if never.",
        ["SessionView.lastUsedAt"] = "When the session last logged in or refreshed its tokens (UTC), to the minute.",
        ["AuditActor.id"] = "The actor's id: a user's or an API client's; absent for the service.",
        ["AuditActor.name"] = "The actor's email (a user) or name (an API client); absent once deleted.",
        ["RolesRequest.roles"] = "The roles the user is to have: `user`, `admin`, each once.",
        ["TokenPair.refreshToken"] = "The session's new refresh token; absent in the browser token mode, where it is in the HttpOnly cookie.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        foreach (var (schemaName, component) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (component is not OpenApiSchema { Properties: { } properties }) continue;
            foreach (var (name, property) in properties)
            {
                var text = BySchema.GetValueOrDefault($"{schemaName}.{name}") ?? ByName.GetValueOrDefault(name);
                if (text is null) continue;
                switch (property)
                {
                    case OpenApiSchema inline:
                        // What the field is first, then any rule ValidationLimits wrote.
                        inline.Description = string.IsNullOrEmpty(inline.Description) ? text : $"{text} {inline.Description}";
                        break;
                    case OpenApiSchemaReference reference:
                        reference.Description = text;
                        break;
                }
            }
        }

        return Task.CompletedTask;
    }
}

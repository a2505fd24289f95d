using TokenVersioning.Infrastructure.Sessions;

namespace TokenVersioning.Infrastructure.Admin;

public sealed record UserDetail(
    Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, long TokenVersion, bool Disabled,
    DateTimeOffset CreatedAt, IReadOnlyList<SessionView> ActiveSessions);

namespace TokenVersioning.Infrastructure.Admin;

/// <summary>One audit entry as an administrator reads it: the user's email and the actor's name where they still exist.</summary>
public sealed record AuditView(
    DateTimeOffset At, Guid UserId, string? UserEmail, AuditActor Actor, string Event, string? Reason, long TokenVersion, string? From);

/// <summary>Who did it: <c>user</c> (the account or an administrator, named by email), <c>client</c> (an API client, by name) or <c>system</c>.</summary>
public sealed record AuditActor(string Kind, Guid? Id, string? Name);

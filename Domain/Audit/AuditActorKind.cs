namespace TokenVersioning.Domain.Audit;

/// <summary>Who did what an audit entry records. Stored by name (<c>user</c>, <c>client</c>, <c>system</c>).</summary>
public enum AuditActorKind
{
    System,
    User,
    Client,
}

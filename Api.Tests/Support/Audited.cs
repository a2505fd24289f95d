using System.Linq.Expressions;
using TokenVersioning.Domain.Audit;

namespace TokenVersioning.Api.Tests.Support;

internal static class Audited
{
    /// <summary>The audit entries of revoking events and admin actions: everything but sign-ins.</summary>
    public static readonly Expression<Func<AuditEvent, bool>> Revocations = a => a.Event != AuditNames.Login && a.Event != AuditNames.LoginFailed;
}

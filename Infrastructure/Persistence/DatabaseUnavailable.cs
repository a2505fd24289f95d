using System.Data.Common;

namespace TokenVersioning.Infrastructure.Persistence;

/// <summary>The database did not answer in time, or refused or dropped the connection: worth a 503 and a retry.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// Whether <paramref name="exception"/>, or one it wraps, says the database is out of reach rather than that the
    /// request or the schema is wrong: a transient provider error, a timeout, or a deadline that ran out.
    /// </summary>
    public static bool Describes(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DatabaseUnavailableException or TimeoutException or DbException { IsTransient: true }) return true;
        }

        return false;
    }
}

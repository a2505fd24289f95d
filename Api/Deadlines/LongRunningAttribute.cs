namespace TokenVersioning.Api.Deadlines;

/// <summary>An endpoint that stays open (an event stream): <see cref="DatabaseDeadlineMiddleware"/> leaves it alone.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class LongRunningAttribute : Attribute;

namespace TokenVersioning.Api.Events;

/// <summary>Section <c>Events</c>: the revocation event stream.</summary>
public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>
    /// A comment line on an idle stream this often, but only while this node is confirmed: a node that cannot read
    /// the revocation log sends none, so a receiver's own staleness bound runs out instead.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}

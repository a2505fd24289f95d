namespace TokenVersioning.Api.Tests.Support;

/// <summary>One server-sent event as received: its id, its name and its data line.</summary>
public sealed record ServerEvent(string? Id, string? Name, string Data);

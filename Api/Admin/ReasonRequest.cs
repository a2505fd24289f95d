namespace TokenVersioning.Api.Admin;

public sealed record ReasonRequest(string? Reason);

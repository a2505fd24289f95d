namespace TokenVersioning.Infrastructure.Admin;

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

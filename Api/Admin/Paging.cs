namespace TokenVersioning.Api.Admin;

internal static class Paging
{
    public const int MaxPageSize = 100;
}

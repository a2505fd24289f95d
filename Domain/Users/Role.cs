namespace TokenVersioning.Domain.Users;

public static class Role
{
    public const string Admin = "admin";
    public const string User = "user";

    public static readonly IReadOnlyList<string> All = [Admin, User];
}

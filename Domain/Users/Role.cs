namespace TokenVersioning.Domain.Users;

public static class Role
{
    public const string Admin = "admin";
    public const string User = "user";
}

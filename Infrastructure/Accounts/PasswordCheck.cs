namespace TokenVersioning.Infrastructure.Accounts;

public enum PasswordCheck
{
    Failed,
    Success,
    SuccessRehashNeeded,
}

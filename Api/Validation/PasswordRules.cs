namespace TokenVersioning.Api.Validation;

/// <summary>Password lengths, counted in Unicode code points.</summary>
internal static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
}

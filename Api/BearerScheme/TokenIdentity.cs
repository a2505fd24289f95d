using System.Globalization;
using System.Security.Claims;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.BearerScheme;

/// <summary>
/// A claims identity over a verified token's claims that makes its <see cref="Claim"/> objects only when something
/// enumerates or searches them. Role checks and <see cref="AppClaims"/> read the token's claims directly, so most
/// requests never build a claim at all.
/// </summary>
internal sealed class TokenIdentity(AccessTokenClaims token, string authenticationType)
    : ClaimsIdentity(authenticationType, AppClaims.Subject, AppClaims.Role)
{
    private bool _materialized;

    public AccessTokenClaims Token { get; } = token;

    public override IEnumerable<Claim> Claims
    {
        get
        {
            Materialize();
            return base.Claims;
        }
    }

    public override bool HasClaim(string type, string value) =>
        type == AppClaims.Role && !_materialized ? Token.Roles.Contains(value) : base.HasClaim(type, value);

    public override ClaimsIdentity Clone()
    {
        Materialize();
        return base.Clone();
    }

    private void Materialize()
    {
        if (_materialized) return;
        _materialized = true;
        AddClaim(new Claim(AppClaims.Subject, Token.UserId.ToString("D")));
        AddClaim(new Claim(AppClaims.Session, Token.SessionId.ToString("D")));
        AddClaim(new Claim(AppClaims.Version, Token.Version.ToString(CultureInfo.InvariantCulture)));
        foreach (var role in Token.Roles) AddClaim(new Claim(AppClaims.Role, role));
    }
}

using System.Security.Claims;

namespace Gatehouse.Access;

/// <summary>Who is making a request, as every permission check sees it.</summary>
public sealed record Caller(CallerKind Kind, Guid Id, string Name)
{
    public const string KindClaim = "gatehouse:caller_kind";

    public ClaimsPrincipal ToPrincipal(string authenticationType) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Id.ToString()),
            new Claim(ClaimTypes.Name, Name),
            new Claim(KindClaim, Kind.ToString()),
        ],
        authenticationType));

    /// <summary>Reads the caller back from an authenticated principal; null when it is anonymous.</summary>
    public static Caller? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || !Enum.TryParse<CallerKind>(principal.FindFirstValue(KindClaim), out var kind)
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return null;
        }

        return new Caller(kind, id, principal.FindFirstValue(ClaimTypes.Name) ?? "");
    }
}

public enum CallerKind
{
    /// <summary>An API account: a machine client acting for the host.</summary>
    ApiAccount,
}

using System.Security.Claims;
using Gatehouse.Users;

namespace Gatehouse.Access;

/// <summary>
/// Who is making a request, as every permission check sees it: an API account, or a signed-in hub user
/// with the roles read from the database for this request.
/// </summary>
public sealed record Caller(CallerKind Kind, Guid Id, string Name)
{
    public const string KindClaim = "gatehouse:caller_kind";

    public const string RoleClaim = "gatehouse:role";

    public const string StampClaim = "gatehouse:stamp";

    private static readonly Dictionary<string, RoleAction> NoRoles = [];

    /// <summary>A hub user's host role (<c>agency-ACTION</c>), or null.</summary>
    public RoleAction? HostRole { get; init; }

    /// <summary>A hub user's role in each account, keyed by account id.</summary>
    public IReadOnlyDictionary<string, RoleAction> AccountRoles { get; init; } = NoRoles;

    public static Caller ForUser(User user) => new(CallerKind.User, user.Id, user.Email)
    {
        HostRole = user.Roles.FirstOrDefault(r => r.TenantId is null)?.Action,
        AccountRoles = user.Roles.Where(r => r.TenantId is not null).ToDictionary(r => r.TenantId!, r => r.Action),
    };

    public ClaimsPrincipal ToPrincipal(string authenticationType, string? securityStamp = null)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, Id.ToString()),
            new(ClaimTypes.Name, Name),
            new(KindClaim, Kind.ToString()),
        ];
        if (HostRole is { } hostRole)
        {
            claims.Add(new(RoleClaim, new Role(hostRole, null, null).Name));
        }

        claims.AddRange(AccountRoles.Select(role => new Claim(RoleClaim, new Role(role.Value, role.Key, null).Name)));
        if (securityStamp is not null)
        {
            claims.Add(new(StampClaim, securityStamp));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, RoleClaim));
    }

    /// <summary>Reads the caller back from an authenticated principal; null when it is anonymous.</summary>
    public static Caller? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || !Enum.TryParse<CallerKind>(principal.FindFirstValue(KindClaim), out var kind)
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return null;
        }

        RoleAction? hostRole = null;
        var accountRoles = new Dictionary<string, RoleAction>();
        foreach (var claim in principal.FindAll(RoleClaim))
        {
            if (Role.TryParse(claim.Value, out var action, out var tenantId))
            {
                if (tenantId is null)
                {
                    hostRole = action;
                }
                else
                {
                    accountRoles[tenantId] = action;
                }
            }
        }

        return new Caller(kind, id, principal.FindFirstValue(ClaimTypes.Name) ?? "")
        {
            HostRole = hostRole,
            AccountRoles = accountRoles,
        };
    }
}

public enum CallerKind
{
    /// <summary>An API account: a machine client acting for the host.</summary>
    ApiAccount,

    /// <summary>A person signed in to the hub with a session cookie.</summary>
    User,
}

using Gatehouse.GraphQL;
using Gatehouse.Tenants;

namespace Gatehouse.Routing;

/// <summary>The messages of data-routing errors, each naming the field and the rule it broke.</summary>
public static class IngressDomainErrors
{
    public static UnauthorizedError NotAuthorizedToView() => TenantErrors.NotAuthorized("view ingress domain");

    public static UnauthorizedError NotAuthorizedToUpdate() => TenantErrors.NotAuthorized("update ingress domain");

    public static BadRequestError TenantIdRequired() => new(
        "tenantId is required: name the account whose ingress domain is set.");

    public static BadRequestError InputRequired() => new(
        "input is required: give input.ingress and input.targetDomain.");

    public static BadRequestError InvalidHost(string field) => new(
        $"{field} must be a host name such as capig.advertiser.com: at least two labels of letters, digits "
        + $"and inner hyphens, at most {IngressDomain.MaxHostLength} characters, without a scheme, port or path.");

    public static BadRequestError SameHost() => new(
        "input.targetDomain must differ from input.ingress: the ingress is a CNAME that points at the target.");

    public static ConflictError IngressTaken(string ingress) => new(
        $"input.ingress '{ingress}' is already the ingress domain of another account.");

    public static ConflictError ChangedConcurrently() => new(
        "The account's ingress domain was set by another request at the same moment; send the change again.");
}

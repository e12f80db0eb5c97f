using System.ComponentModel;
using GraphQL.Types;

namespace Gatehouse.Routing;

/// <summary>An account's ingress as the API shows it: the stored row and the account's name.</summary>
public sealed record IngressDomainView(IngressDomain Domain, string TenantName)
{
    public Tenant1pDomainStatus Status => Domain.CnameResolveSuccess
        ? Tenant1pDomainStatus.DomainSelected
        : Tenant1pDomainStatus.DomainNotSelected;
}

/// <summary>Whether the first-party domain is the one the account's pixels send to.</summary>
public enum Tenant1pDomainStatus
{
    [Description("Not in use: the ingress's CNAME record was not found pointing at the target domain.")]
    DomainNotSelected,

    [Description("In use: the ingress's CNAME record points at the target domain.")]
    DomainSelected,
}

public sealed class IngressDomainType : ObjectGraphType<IngressDomainView>
{
    public IngressDomainType()
    {
        Name = "IngressDomain";
        Description = "An account's data routing: the first-party subdomain its pixels send events to.";

        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique identifier of the ingress: the account's id followed by ':ingress'.")
            .Resolve(context => context.Source.Domain.TenantId + ":ingress");
        Field<NonNullGraphType<StringGraphType>>("ingress")
            .Description("The advertiser's first-party (sub)domain, such as capig.advertiser.com.")
            .Resolve(context => context.Source.Domain.Ingress);
        Field<NonNullGraphType<StringGraphType>>("tenantName")
            .Description("Name of the account.")
            .Resolve(context => context.Source.TenantName);
        Field<NonNullGraphType<BooleanGraphType>>("cnameResolveSuccess")
            .Description(
                "Whether the ingress's CNAME record, at its last check, pointed at the target domain (directly or "
                + "through a short chain). Checked when the ingress is set and again periodically.")
            .Resolve(context => context.Source.Domain.CnameResolveSuccess);
        Field<NonNullGraphType<StringGraphType>>("tenant1pDomain")
            .Description("The account's first-party domain: the same host name as ingress.")
            .Resolve(context => context.Source.Domain.Ingress);
        Field<NonNullGraphType<Tenant1pDomainStatusType>>("tenant1pDomainStatus")
            .Description("Whether the first-party domain is in use: selected once its CNAME record is verified.")
            .Resolve(context => context.Source.Status);
        Field<NonNullGraphType<EnhancementTenantIngressVerifiedResultType>>("enhancementTenantIngressVerifiedResult")
            .Description("Whether the ingress may be used by enhancement (enrichment) features.")
            .Resolve(context => context.Source);
    }
}

public sealed class Tenant1pDomainStatusType : EnumerationGraphType<Tenant1pDomainStatus>
{
    public Tenant1pDomainStatusType()
    {
        Name = "Tenant1pDomainStatus";
        Description = "Whether an account's first-party domain is the one its pixels send to.";
    }
}

public sealed class EnhancementTenantIngressVerifiedResultType : ObjectGraphType<IngressDomainView>
{
    public EnhancementTenantIngressVerifiedResultType()
    {
        Name = "EnhancementTenantIngressVerifiedResult";
        Description = "Domain verification of an account's ingress for enhancement (enrichment) features.";

        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique identifier: the account's id followed by ':tenantIngressVerified'.")
            .Resolve(context => context.Source.Domain.TenantId + ":tenantIngressVerified");
        Field<NonNullGraphType<BooleanGraphType>>("tenantIngressVerified")
            .Description("Whether the ingress is verified for enhancement features: its CNAME record is verified.")
            .Resolve(context => context.Source.Domain.CnameResolveSuccess);
    }
}

public sealed class IngressDomainInputType : InputObjectGraphType<IngressDomainInput>
{
    public IngressDomainInputType()
    {
        Name = "IngressDomainInput";
        Description = "An account's data routing: its first-party subdomain and the gateway domain it points at.";

        Field(i => i.Ingress).Description(
            "The advertiser's first-party subdomain, such as capig.advertiser.com: a host name without scheme, "
            + "port or path.");
        Field(i => i.TargetDomain).Description(
            "The gateway's domain that the ingress's CNAME record must point at, such as capig.targetDomain.com.");
    }
}

public sealed class IngressDomainInput
{
    public string Ingress { get; set; } = "";

    public string TargetDomain { get; set; } = "";
}

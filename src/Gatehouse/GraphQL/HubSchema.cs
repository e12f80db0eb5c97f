using Gatehouse.Routing;
using Gatehouse.Tenants;
using Gatehouse.Users;
using GraphQL.Types;

namespace Gatehouse.GraphQL;

/// <summary>The schema served at <c>/hub/graphql/</c>: accounts, users and roles, data routing.</summary>
public sealed class HubSchema : Schema
{
    public HubSchema(IServiceProvider services)
        : base(services)
    {
        Description = "Gatehouse hub API: accounts, users and data routing of the gateway control plane.";
        Query = new HubQuery();
        Mutation = new HubMutation();

        // The library's Long scalar has no description of its own; clients read one through introspection.
        RegisterType(new LongGraphType { Description = "A 64-bit signed integer, written as a JSON number." });
    }

    private sealed class HubQuery : ObjectGraphType
    {
        public HubQuery()
        {
            Name = "Query";
            Description = "Reads of accounts, their usage and their data routing.";
            TenantQueries.AddTo(this);
            IngressDomainQueries.AddTo(this);
        }
    }

    private sealed class HubMutation : ObjectGraphType
    {
        // The group fields resolve to a placeholder: their own fields do the work.
        private static readonly object Group = new();

        public HubMutation()
        {
            Name = "Mutation";
            Description = "Changes to accounts, users and data routing, grouped as in Meta's gateway.";
            Field<NonNullGraphType<TenantMutations>>("tenantMutations")
                .Description("Mutations of advertiser accounts.")
                .Resolve(_ => Group);
            Field<NonNullGraphType<UserMutations>>("userMutations")
                .Description("Mutations of users and their roles.")
                .Resolve(_ => Group);
            IngressDomainMutations.AddTo(this);
        }
    }
}

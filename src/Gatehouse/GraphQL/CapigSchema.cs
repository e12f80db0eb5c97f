using Gatehouse.Pixels;
using Gatehouse.Tenants;
using GraphQL;
using GraphQL.Types;

namespace Gatehouse.GraphQL;

/// <summary>The schema served at <c>/capig/graphql/</c>: everything scoped to one account's pixels.</summary>
public sealed class CapigSchema : Schema
{
    public CapigSchema(IServiceProvider services)
        : base(services)
    {
        Description = "Gatehouse CAPIG API: the Meta Pixel connections of an account.";
        Query = new CapigQuery();
        Mutation = new CapigMutation();
    }

    // An unknown account and one closed to the caller get the same 401, as on /hub/graphql/.
    private static async Task<Tenant> FindTenantAsync(IResolveFieldContext context, string action) =>
        await TenantQueries.FindManageableAsync(context, context.GetArgument<string>("tenantId"), action, false);

    private sealed class CapigQuery : ObjectGraphType
    {
        public CapigQuery()
        {
            Name = "Query";
            Description = "Reads scoped to one account.";
            Field<PixelTenantQueriesType>("tenantQueries")
                .Description("Reads of the account with the given unique identifier.")
                .Argument<NonNullGraphType<IdGraphType>>("tenantId", "Unique identifier of the account.")
                .ResolveAsync(async context => await FindTenantAsync(context, "view account"));
        }
    }

    private sealed class CapigMutation : ObjectGraphType
    {
        public CapigMutation()
        {
            Name = "Mutation";
            Description = "Changes scoped to one account.";
            Field<PixelTenantMutationsType>("tenantMutations")
                .Description("Changes to the account with the given unique identifier.")
                .Argument<NonNullGraphType<IdGraphType>>("tenantId", "Unique identifier of the account.")
                .ResolveAsync(async context => await FindTenantAsync(context, "change account"));
        }
    }
}

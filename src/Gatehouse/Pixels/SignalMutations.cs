using Gatehouse.Access;
using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Tenants;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Pixels;

/// <summary>The <c>signalMutations</c> group of <c>/capig/graphql/</c>: connect, switch and delete pixels.</summary>
public sealed class SignalMutations : ObjectGraphType<Tenant>
{
    public SignalMutations()
    {
        Name = "SignalMutations";
        Description = "Mutations of the account's Meta Pixel connections.";

        Field<NonNullGraphType<SignalConfigType>>("setupPixelSignalConfig")
            .Description("Connects a Meta Pixel to the account, or replaces the settings of a connected one.")
            .Argument<NonNullGraphType<PixelConnectionCreationInputType>>("input", "The pixel and its token.")
            .ResolveAsync(async context => await PixelSetup.RunAsync(context, Editable(context)));
        Field<NonNullGraphType<BooleanGraphType>>("deleteDataSource")
            .Description("Disconnects a pixel from the account and forgets its token, traffic and own filters.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The Meta Pixel ID.")
            .ResolveAsync(async context => await DeleteAsync(context));
        Field<NonNullGraphType<UpdateSignalConfigStatusPayloadType>>("updateSignalConfigEventsStatus")
            .Description("Switches whether the gateway receives the pixel's events.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The Meta Pixel ID.")
            .Argument<NonNullGraphType<SignalConfigStatusInputType>>("input", "1 to receive, 0 to stop.")
            .ResolveAsync(async context => await SwitchAsync(context, "receiving", (p, on) => p.IsActive = on));
        Field<NonNullGraphType<UpdateSignalConfigStatusPayloadType>>("updateSignalConfigCapiPublish")
            .Description("Switches whether received events are published to the Conversions API or dropped.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The Meta Pixel ID.")
            .Argument<NonNullGraphType<SignalConfigStatusInputType>>("input", "1 to publish, 0 to drop.")
            .ResolveAsync(async context => await SwitchAsync(context, "publishing", (p, on) => p.IsPublishing = on));
    }

    /// <summary>
    /// The account, once the caller is known to be allowed to change its settings: pixels and filters.
    /// <paramref name="action"/> completes the refusal "Not authorized to ...".
    /// </summary>
    public static Tenant Editable(IResolveFieldContext<Tenant> context, string action = "change the account's pixels")
    {
        var tenant = context.Source;
        if (!AccessPolicy.CanEditTenantSettings(context.GetCaller(), tenant.Id, tenant.CanPartnerManage))
        {
            throw TenantErrors.NotAuthorized(action);
        }

        return tenant;
    }

    private static async Task<bool> DeleteAsync(IResolveFieldContext<Tenant> context)
    {
        var tenant = Editable(context);
        var pixelId = PixelIds.Valid("id", context.GetArgument<string>("id"));
        var db = context.GetService<GatehouseDbContext>();
        var ct = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.Pixels.Where(p => p.Id == pixelId && p.TenantId == tenant.Id).ExecuteDeleteAsync(ct);
        if (deleted == 0)
        {
            throw PixelErrors.NotFound(pixelId);
        }

        await db.TrafficBuckets.Where(b => b.PixelId == pixelId && b.TenantId == tenant.Id).ExecuteDeleteAsync(ct);
        await db.EventFilters.Where(f => f.PixelId == pixelId && f.TenantId == tenant.Id).ExecuteDeleteAsync(ct);
        await db.DomainFilters.Where(f => f.PixelId == pixelId && f.TenantId == tenant.Id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);

        PixelLog.Deleted(context.GetService<ILogger<SignalMutations>>(), pixelId, tenant.Id, context.GetCaller().Name);
        return true;
    }

    private static async Task<PixelConnection> SwitchAsync(
        IResolveFieldContext<Tenant> context,
        string switchName,
        Action<Pixel, bool> apply)
    {
        var tenant = Editable(context);
        var pixelId = PixelIds.Valid("id", context.GetArgument<string>("id"));
        var status = context.GetArgument<SignalConfigStatusInput>("input").Status;
        if (status is not (0 or 1))
        {
            throw PixelErrors.StatusInvalid(status);
        }

        var db = context.GetService<GatehouseDbContext>();
        var ct = context.CancellationToken;
        var pixel = await db.Pixels.SingleOrDefaultAsync(p => p.Id == pixelId && p.TenantId == tenant.Id, ct)
            ?? throw PixelErrors.NotFound(pixelId);

        var now = context.GetService<TimeProvider>().GetUtcNow().UtcDateTime;
        apply(pixel, status == 1);
        pixel.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        PixelLog.Switched(context.GetService<ILogger<SignalMutations>>(), pixelId, tenant.Id, switchName, status == 1,
            context.GetCaller().Name);

        var connections = await PixelConnections.ListAsync(
            db, tenant.Id, pixelId, now, PixelConnections.DefaultWindowMinutes, ct);
        return connections.Single();
    }
}

using Gatehouse.Access;
using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Users;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tenants;

/// <summary>The <c>tenantMutations</c> group of the hub schema: create, update and delete accounts.</summary>
public sealed class TenantMutations : ObjectGraphType
{
    public TenantMutations()
    {
        Name = "TenantMutations";
        Description = "Mutations that create, change and delete advertiser accounts.";

        Field<CreateTenantResultType>("createTenant")
            .Description("Creates an account, managed by the partner or by an admin invited by email.")
            .Argument<NonNullGraphType<CreateTenantInputType>>("input", "The account to create.")
            .ResolveAsync(async context => new TenantPayload(await CreateAsync(context)));
        Field<TenantMutationResponseType>("updateTenant")
            .Description("Updates an account's name, status and whether the partner may manage it.")
            .Argument<NonNullGraphType<UpdateTenantInputType>>("input", "The account and the changes to make.")
            .ResolveAsync(async context => new TenantPayload(await UpdateAsync(context)));
        Field<BooleanGraphType>("deleteTenant")
            .Description("Deletes an account with its roles; users left without any role are removed too.")
            .Argument<NonNullGraphType<StringGraphType>>("tenantId", "Unique identifier of the account to be deleted.")
            .ResolveAsync(async context => await DeleteAsync(context));
    }

    private static async Task<Tenant> CreateAsync(IResolveFieldContext context)
    {
        var caller = context.GetCaller();
        if (!AccessPolicy.CanCreateTenant(caller))
        {
            throw TenantErrors.NotAuthorized("create account");
        }

        var input = context.GetArgument<CreateTenantInput>("input");
        var name = ValidName("input.name", input.Name);
        var adminEmail = ValidAdminEmail(input);

        var db = context.GetService<GatehouseDbContext>();
        var now = context.GetService<TimeProvider>().GetUtcNow().UtcDateTime;
        var tenant = new Tenant
        {
            Id = await NewTenantIdAsync(db, context.CancellationToken),
            Name = name,
            Status = TenantStatus.Active,
            CanPartnerManage = input.CanPartnerManage,
            EventEnrichment = input.EventEnrichment,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tenants.Add(tenant);
        var ct = context.CancellationToken;
        var admin = adminEmail is null ? null : await AddAdminAsync(db, tenant, adminEmail, now, ct);

        // A new admin gets an invitation; it is mailed when SMTP is set up, and `users invite` prints it again.
        var invitations = context.GetService<InvitationService>();
        var link = admin?.Status == UserStatus.Pending
            ? await invitations.IssueAsync(admin, invitations.BaseUrl(context.GetHttpRequest()), ct)
            : null;
        await db.SaveChangesAsync(context.CancellationToken);
        if (link is not null)
        {
            invitations.Mail(admin!.Email, link, tenant.Name);
        }

        var logger = context.GetService<ILogger<TenantMutations>>();
        TenantLog.Created(logger, tenant.Id, caller.Name, tenant.CanPartnerManage);
        return tenant;
    }

    private static async Task<Tenant> UpdateAsync(IResolveFieldContext context)
    {
        var input = context.GetArgument<UpdateTenantInput>("input");
        var tenant = await TenantQueries.FindManageableAsync(context, input.TenantId, "update tenant", tracking: true);
        var db = context.GetService<GatehouseDbContext>();
        if (!AccessPolicy.CanAdministerTenant(context.GetCaller(), tenant.Id, tenant.CanPartnerManage))
        {
            throw TenantErrors.NotAuthorized("update tenant");
        }

        // Every field is checked before any is applied, so a refused update changes nothing.
        var name = input.Name is null ? null : ValidName("input.name", input.Name);
        if (input.Status is { } status && !Enum.IsDefined((TenantStatus)status))
        {
            throw TenantErrors.StatusInvalid(status);
        }

        if (input.CanPartnerManage == false && tenant.CanPartnerManage && !await HasAdminAsync(db, tenant.Id, context))
        {
            throw TenantErrors.UnmanagedWithoutAdmin();
        }

        var changed = Apply(tenant, name, (TenantStatus?)input.Status, input.CanPartnerManage);
        if (changed.Count > 0)
        {
            tenant.UpdatedAt = context.GetService<TimeProvider>().GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(context.CancellationToken);
            TenantLog.Updated(context.GetService<ILogger<TenantMutations>>(), tenant.Id, context.GetCaller().Name,
                string.Join(", ", changed));
        }

        return tenant;
    }

    /// <summary>Applies the checked changes and names the fields that really changed, for the audit log.</summary>
    private static List<string> Apply(Tenant tenant, string? name, TenantStatus? status, bool? canPartnerManage)
    {
        var changed = new List<string>();
        if (name is not null && name != tenant.Name)
        {
            tenant.Name = name;
            changed.Add("name");
        }

        if (status is { } newStatus && newStatus != tenant.Status)
        {
            tenant.Status = newStatus;
            changed.Add("status");
        }

        if (canPartnerManage is { } managed && managed != tenant.CanPartnerManage)
        {
            tenant.CanPartnerManage = managed;
            changed.Add("canPartnerManage");
        }

        return changed;
    }

    private static async Task<bool> DeleteAsync(IResolveFieldContext context)
    {
        var db = context.GetService<GatehouseDbContext>();
        var ct = context.CancellationToken;

        // The permission check reads inside the transaction, so it judges the account that is deleted.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tenant = await TenantQueries.FindManageableAsync(context, "delete account");
        if (!AccessPolicy.CanAdministerTenant(context.GetCaller(), tenant.Id, tenant.CanPartnerManage))
        {
            throw TenantErrors.NotAuthorized("delete account");
        }

        var memberIds = await db.UserRoles.Where(r => r.TenantId == tenant.Id).Select(r => r.UserId).ToListAsync(ct);

        // Roles, pixels, pipelines and traffic of the account go with it (foreign keys cascade).
        await db.Tenants.Where(t => t.Id == tenant.Id).ExecuteDeleteAsync(ct);
        var removedUsers = await db.Users
            .Where(u => memberIds.Contains(u.Id) && !db.UserRoles.Any(r => r.UserId == u.Id))
            .ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.DefaultTenantId == tenant.Id).ExecuteUpdateAsync(
            set => set.SetProperty(u => u.DefaultTenantId, u => db.UserRoles
                .Where(r => r.UserId == u.Id && r.TenantId != null)
                .OrderBy(r => r.TenantId)
                .Select(r => r.TenantId)
                .FirstOrDefault()),
            ct);
        await transaction.CommitAsync(ct);

        TenantLog.Deleted(context.GetService<ILogger<TenantMutations>>(), tenant.Id, context.GetCaller().Name,
            removedUsers);
        return true;
    }

    private static string ValidName(string field, string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > TenantErrors.MaxNameLength)
        {
            throw TenantErrors.NameLength(field, trimmed.Length);
        }

        return trimmed;
    }

    private static string? ValidAdminEmail(CreateTenantInput input)
    {
        var email = input.AdminEmail?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return input.CanPartnerManage ? null : throw TenantErrors.AdminEmailRequired();
        }

        return EmailAddresses.TryNormalize(email, out var normalized)
            ? normalized
            : throw TenantErrors.AdminEmailInvalid(email);
    }

    private static async Task<string> NewTenantIdAsync(GatehouseDbContext db, CancellationToken ct)
    {
        // 62^8 ids make a collision very unlikely; checking makes it impossible.
        var id = TenantIds.New();
        while (await db.Tenants.AnyAsync(t => t.Id == id, ct))
        {
            id = TenantIds.New();
        }

        return id;
    }

    // Limitation: two accounts created at the same moment with the same new admin email both try to insert
    // that user, and the second request fails with an internal error on the unique email index.
    private static async Task<User> AddAdminAsync(
        GatehouseDbContext db,
        Tenant tenant,
        string email,
        DateTime now,
        CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, ct);
        if (user is null)
        {
            user = new User { Id = Guid.NewGuid(), Email = email, Status = UserStatus.Pending, CreatedAt = now };
            db.Users.Add(user);
        }

        user.DefaultTenantId ??= tenant.Id;
        db.UserRoles.Add(new UserRole { UserId = user.Id, TenantId = tenant.Id, Action = RoleAction.Admin });
        return user;
    }

    private static Task<bool> HasAdminAsync(GatehouseDbContext db, string tenantId, IResolveFieldContext context) =>
        db.UserRoles.AnyAsync(r => r.TenantId == tenantId && r.Action == RoleAction.Admin, context.CancellationToken);
}

/// <summary>The payload of account mutations: the account as it is now.</summary>
public sealed record TenantPayload(Tenant Tenant);

public sealed class CreateTenantResultType : ObjectGraphType<TenantPayload>
{
    public CreateTenantResultType()
    {
        Name = "CreateTenantResult";
        Description = "The result of createTenant.";
        Field<NonNullGraphType<TenantType>>("tenant").Description("Newly created tenant.")
            .Resolve(context => context.Source.Tenant);
    }
}

public sealed class TenantMutationResponseType : ObjectGraphType<TenantPayload>
{
    public TenantMutationResponseType()
    {
        Name = "TenantMutationResponse";
        Description = "The result of updateTenant.";
        Field<NonNullGraphType<TenantType>>("tenant").Description("Updated tenant.")
            .Resolve(context => context.Source.Tenant);
    }
}

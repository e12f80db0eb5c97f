using System.Globalization;
using Gatehouse.Pipelines;
using Gatehouse.Pixels;
using Gatehouse.Tenants;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Usage;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Tenants;

/// <summary>
/// Writes accounts, users, pixels and traffic straight into the application's database, for the states the
/// API cannot create on its own (fixed ids, users with roles, usage).
/// </summary>
public static class AccountSeeding
{
    public static string NewId() => TenantIds.New();

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    /// <summary>
    /// Stores an account under <paramref name="id"/>, first deleting any account with that id (and with it
    /// its roles, pixels, pipelines and traffic), so that fixed ids can be seeded again by every test.
    /// </summary>
    public static async Task<string> AddTenantAsync(
        this GatehouseApplication app,
        string? id = null,
        string name = "Seeded Account",
        bool canPartnerManage = true,
        TenantStatus status = TenantStatus.Active)
    {
        var tenantId = id ?? NewId();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            await db.Tenants.Where(t => t.Id == tenantId).ExecuteDeleteAsync();
            db.Tenants.Add(new Tenant
            {
                Id = tenantId,
                Name = name,
                Status = status,
                CanPartnerManage = canPartnerManage,
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync();
        });
        return tenantId;
    }

    /// <summary>Stores a user with one role per listed account, replacing any user with the same id or email.</summary>
    public static async Task<Guid> AddUserAsync(
        this GatehouseApplication app,
        string email,
        string? defaultTenantId,
        params (string TenantId, RoleAction Action)[] roles) =>
        await app.AddUserAsync(Guid.NewGuid(), email, defaultTenantId, roles);

    public static async Task<Guid> AddUserAsync(
        this GatehouseApplication app,
        Guid id,
        string email,
        string? defaultTenantId,
        params (string TenantId, RoleAction Action)[] roles)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == id || u.Email == email).ExecuteDeleteAsync();
            db.Users.Add(new User
            {
                Id = id,
                Email = email,
                Status = UserStatus.Activated,
                DefaultTenantId = defaultTenantId,
                CreatedAt = now,
                Roles = [.. roles.Select(r => new UserRole { UserId = id, TenantId = r.TenantId, Action = r.Action })],
            });
            await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>Stores pixels of an account; ids are numeric, as Meta Pixel ids are.</summary>
    public static async Task AddPixelsAsync(
        this GatehouseApplication app,
        string tenantId,
        params (string Id, bool IsActive)[] pixels)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            db.Pixels.AddRange(pixels.Select(p =>
                new Pixel { Id = p.Id, TenantId = tenantId, IsActive = p.IsActive, CreatedAt = now }));
            await db.SaveChangesAsync();
        });
    }

    public static async Task AddPipelinesAsync(this GatehouseApplication app, string tenantId, params bool[] active)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            db.Pipelines.AddRange(active.Select(isActive => new Pipeline
            {
                Id = Guid.NewGuid().ToString("N"),
                TenantId = tenantId,
                Name = "Pipeline",
                IsActive = isActive,
                CreatedAt = now,
            }));
            await db.SaveChangesAsync();
        });
    }

    /// <summary>Stores the traffic of the minute <paramref name="ago"/> before the clock's minute.</summary>
    public static async Task AddTrafficAsync(
        this GatehouseApplication app,
        string tenantId,
        string pixelId,
        TimeSpan ago,
        long eventsReceived,
        long publishFailures = 0)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var minute = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            db.TrafficBuckets.Add(new TrafficBucket
            {
                PixelId = pixelId,
                TenantId = tenantId,
                Start = minute - ago,
                EventsReceived = eventsReceived,
                PublishFailures = publishFailures,
            });
            await db.SaveChangesAsync();
        });
    }

    /// <summary>Unique numeric pixel ids of equal length, so that they sort the same way on every database.</summary>
    public static string[] NewPixelIds(int count)
    {
        var first = Random.Shared.NextInt64(100_000_000_000_000, 899_999_999_999_999);
        return [.. Enumerable.Range(0, count).Select(i => (first + i).ToString(CultureInfo.InvariantCulture))];
    }
}

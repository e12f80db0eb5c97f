using Gatehouse.ApiAccounts;
using Gatehouse.Events;
using Gatehouse.Pipelines;
using Gatehouse.Pixels;
using Gatehouse.Routing;
using Gatehouse.Tenants;
using Gatehouse.Usage;
using Gatehouse.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gatehouse.Data;

/// <summary>
/// The one model of the control plane. Each database provider has a subclass of its own so that each
/// keeps its own migrations (<c>Data/Migrations/Sqlite</c>, <c>Data/Migrations/Postgres</c>).
/// </summary>
public abstract class GatehouseDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<User> Users => Set<User>();

    public DbSet<UserRole> UserRoles => Set<UserRole>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<ApiAccount> ApiAccounts => Set<ApiAccount>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<Pixel> Pixels => Set<Pixel>();

    public DbSet<Pipeline> Pipelines => Set<Pipeline>();

    public DbSet<TrafficBucket> TrafficBuckets => Set<TrafficBucket>();

    public DbSet<QueuedEvent> QueuedEvents => Set<QueuedEvent>();

    public DbSet<EventFilter> EventFilters => Set<EventFilter>();

    public DbSet<DomainFilter> DomainFilters => Set<DomainFilter>();

    public DbSet<IngressDomain> IngressDomains => Set<IngressDomain>();

    /// <summary>The keys that protect session cookies and antiforgery tokens, shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite forgets the kind on the way back, so it is restored here.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>(tenant =>
        {
            tenant.Property(t => t.Id).HasMaxLength(8);
            tenant.Property(t => t.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<User>(user =>
        {
            user.Property(u => u.Email).HasMaxLength(254);
            user.HasIndex(u => u.Email).IsUnique();
            user.Property(u => u.DefaultTenantId).HasMaxLength(8);
            user.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            user.Property(u => u.PasswordHash).HasMaxLength(200);
            user.Property(u => u.SecurityStamp).HasMaxLength(32);
        });

        modelBuilder.Entity<Invitation>(invitation =>
        {
            invitation.HasKey(i => i.TokenHash);
            invitation.HasIndex(i => i.UserId);
            invitation.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<UserRole>(role =>
        {
            role.HasOne(r => r.Tenant).WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);

            // One role per user per account, and one host role per user.
            role.HasIndex(r => new { r.UserId, r.TenantId }).IsUnique().HasFilter("\"TenantId\" IS NOT NULL");
            role.HasIndex(r => r.UserId).IsUnique().HasFilter("\"TenantId\" IS NULL")
                .HasDatabaseName("IX_UserRoles_HostRole");
        });

        modelBuilder.Entity<ApiAccount>(account =>
        {
            account.Property(a => a.Name).HasMaxLength(20);
            account.HasIndex(a => a.Name).IsUnique();
        });

        modelBuilder.Entity<ApiToken>(token =>
        {
            token.HasKey(t => t.TokenHash);
            token.HasOne<ApiAccount>().WithMany().HasForeignKey(t => t.ApiAccountId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Pixel>(pixel =>
        {
            pixel.Property(p => p.Id).HasMaxLength(32);
            pixel.Property(p => p.Name).HasMaxLength(Pixel.MaxNameLength);
            pixel.Property(p => p.BusinessId).HasMaxLength(Pixel.MaxBusinessIdLength);
            pixel.Property(p => p.ExternalId).HasMaxLength(Pixel.MaxExternalIdLength);
            pixel.Property(p => p.ApiVersion).HasMaxLength(Pixel.MaxApiVersionLength);
            pixel.Property(p => p.ApiErrorCode).HasMaxLength(Pixel.MaxApiErrorCodeLength);
            pixel.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Pipeline>(pipeline =>
        {
            pipeline.Property(p => p.Id).HasMaxLength(64);
            pipeline.Property(p => p.Name).HasMaxLength(100);
            pipeline.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<TrafficBucket>(bucket =>
        {
            bucket.HasKey(b => new { b.PixelId, b.Start, b.EventName, b.Site });
            bucket.Property(b => b.EventName).HasMaxLength(TrafficBucket.MaxEventNameLength);
            bucket.Property(b => b.Site).HasMaxLength(TrafficBucket.MaxSiteLength);
            bucket.HasIndex(b => new { b.TenantId, b.Start });
            bucket.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<QueuedEvent>(queued =>
        {
            queued.Property(e => e.PixelId).HasMaxLength(32);
            queued.Property(e => e.TenantId).HasMaxLength(8);
            queued.Property(e => e.EventName).HasMaxLength(TrafficBucket.MaxEventNameLength);
            queued.Property(e => e.Site).HasMaxLength(TrafficBucket.MaxSiteLength);
            queued.Property(e => e.LeaseOwner).HasMaxLength(64);
            // The publisher takes the oldest due events; the queue depth is counted from the same index.
            queued.HasIndex(e => new { e.NextAttemptAt, e.Id });
            queued.HasIndex(e => new { e.PixelId, e.Id });
            queued.HasOne<Pixel>().WithMany().HasForeignKey(e => e.PixelId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<EventFilter>(filter =>
        {
            filter.HasKey(f => new { f.TenantId, f.EventName, f.PixelId });
            filter.Property(f => f.EventName).HasMaxLength(TrafficBucket.MaxEventNameLength);
            filter.Property(f => f.PixelId).HasMaxLength(32);
            filter.HasOne<Tenant>().WithMany().HasForeignKey(f => f.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DomainFilter>(filter =>
        {
            filter.HasKey(f => new { f.TenantId, f.Domain, f.PixelId });
            filter.Property(f => f.Domain).HasMaxLength(DomainFilter.MaxDomainLength);
            filter.Property(f => f.PixelId).HasMaxLength(32);
            filter.HasOne<Tenant>().WithMany().HasForeignKey(f => f.TenantId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<IngressDomain>(ingress =>
        {
            ingress.HasKey(i => i.TenantId);
            ingress.Property(i => i.Ingress).HasMaxLength(IngressDomain.MaxHostLength);
            ingress.Property(i => i.TargetDomain).HasMaxLength(IngressDomain.MaxHostLength);
            ingress.HasIndex(i => i.Ingress).IsUnique();
            ingress.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

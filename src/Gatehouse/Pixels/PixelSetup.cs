using System.Text.RegularExpressions;
using Gatehouse.Data;
using Gatehouse.GraphQL;
using Gatehouse.Tenants;
using GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Pixels;

/// <summary><c>setupPixelSignalConfig</c>: connects a pixel, or replaces the settings of a connected one.</summary>
public static partial class PixelSetup
{
    public static async Task<PixelConnection> RunAsync(IResolveFieldContext context, Tenant tenant)
    {
        var input = context.GetArgument<PixelConnectionCreationInput>("input");
        var pixelId = PixelIds.Valid("input.pixelId", input.PixelId);
        var businessId = Required("input.businessId", input.BusinessId, Pixel.MaxBusinessIdLength);
        var accessToken = Required("input.accessToken", input.AccessToken, PixelErrors.MaxAccessTokenLength);
        var externalId = Optional("input.externalId", input.ExternalId, Pixel.MaxExternalIdLength) ?? "";
        var name = Optional("input.name", input.Name, Pixel.MaxNameLength);
        var apiVersion = Optional("input.apiVersion", input.ApiVersion, Pixel.MaxApiVersionLength);
        if (apiVersion is not null && !ApiVersionPattern().IsMatch(apiVersion))
        {
            throw PixelErrors.ApiVersionInvalid();
        }

        var db = context.GetService<GatehouseDbContext>();
        var ct = context.CancellationToken;
        var now = context.GetService<TimeProvider>().GetUtcNow().UtcDateTime;
        var pixel = await db.Pixels.SingleOrDefaultAsync(p => p.Id == pixelId, ct);
        if (pixel is not null && pixel.TenantId != tenant.Id)
        {
            throw PixelErrors.ConnectedElsewhere(pixelId);
        }

        var isNew = pixel is null;
        if (pixel is null)
        {
            // A new connection receives and publishes at once, as the documented sample response shows.
            pixel = new Pixel
            {
                Id = pixelId,
                TenantId = tenant.Id,
                IsActive = true,
                IsPublishing = true,
                CreatedAt = now,
            };
            db.Pixels.Add(pixel);
        }

        pixel.BusinessId = businessId;
        pixel.ExternalId = externalId;
        pixel.Name = name;
        pixel.ApiVersion = apiVersion;
        pixel.ProtectedAccessToken = context.GetService<PixelTokens>().Protect(accessToken);

        // A new token deserves a fresh start: the next publish shows whether Meta takes it.
        pixel.BadToken = false;
        pixel.ApiErrorCode = null;
        pixel.UpdatedAt = now;
        await SaveAsync(db, pixelId, ct);

        var logger = context.GetService<ILogger<SignalMutations>>();
        var actor = context.GetCaller().Name;
        if (isNew)
        {
            PixelLog.Connected(logger, pixelId, tenant.Id, actor);
        }
        else
        {
            PixelLog.Reconnected(logger, pixelId, tenant.Id, actor);
        }

        var connections = await PixelConnections.ListAsync(
            db, tenant.Id, pixelId, now, PixelConnections.DefaultWindowMinutes, ct);
        return connections.Single();
    }

    private static async Task SaveAsync(GatehouseDbContext db, string pixelId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request connected the same pixel between the lookup and this insert.
            throw PixelErrors.ConnectedConcurrently(pixelId);
        }
    }

    private static string Required(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim() ?? "";
        return trimmed.Length == 0 || trimmed.Length > maxLength
            ? throw PixelErrors.Required(field, maxLength)
            : trimmed;
    }

    /// <summary>A trimmed value, or null when it is missing or blank.</summary>
    private static string? Optional(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > maxLength ? throw PixelErrors.TooLong(field, maxLength) : trimmed;
    }

    [GeneratedRegex(@"^v[0-9]{1,3}\.[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();
}

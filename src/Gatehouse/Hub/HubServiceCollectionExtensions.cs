using System.Security.Cryptography.X509Certificates;
using Gatehouse.Data;
using Gatehouse.Hub.Reference;
using Gatehouse.Users;
using Microsoft.AspNetCore.DataProtection;

namespace Gatehouse.Hub;

public static class HubServiceCollectionExtensions
{
    public const string CsrfHeaderName = "X-CSRF-TOKEN";

    /// <summary>
    /// Registers the hub UI: Razor Pages, the session cookie, antiforgery, and data-protection keys kept in
    /// the database so that every instance can read every other's cookies.
    /// </summary>
    public static IServiceCollection AddGatehouseHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HubOptions>(configuration.GetSection(HubOptions.SectionName));
        var hub = configuration.GetSection(HubOptions.SectionName).Get<HubOptions>() ?? new();

        var dataProtection = services.AddDataProtection()
            .SetApplicationName("Gatehouse")
            .PersistKeysToDbContext<GatehouseDbContext>();
        if (!string.IsNullOrEmpty(hub.KeyCertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(hub.KeyCertificatePath, hub.KeyCertificatePassword));
        }
        else
        {
            // Limitation: without Hub:KeyCertificatePath the keys are stored in the database unencrypted, so
            // anyone who can read the database can forge a hub session and decrypt pixels' access tokens.
            // The framework warns about this on every new key; the start-up notice says it once, with the fix.
            services.AddLogging(logging => logging.AddFilter(
                "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error));
        }

        services.AddHostedService<HubStartupNotice>();
        services.AddInvitationMail(configuration);

        services.AddScoped<HubSession>();
        services.AddScoped<HubApi>();
        services.AddScoped<AccountDirectory>();
        services.AddScoped<HostUsers>();

        // The schema is fixed once the server starts, so its reference is generated once, on first use.
        services.AddSingleton(ApiReferenceGenerator.FromServices);
        services.AddAuthentication(HubSession.SchemeName)
            .AddCookie(HubSession.SchemeName, cookie =>
            {
                cookie.Cookie.Name = HubSession.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = hub.SessionIdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/auth/login";
                cookie.LogoutPath = "/auth/logout";
                cookie.AccessDeniedPath = "/hub/denied";
                cookie.EventsType = typeof(HubSession);
            });

        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = CsrfHeaderName;
            antiforgery.Cookie.Name = "gatehouse_csrf";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Hub");
            pages.Conventions.AllowAnonymousToFolder("/Auth");
        });
        return services;
    }

    /// <summary>Serves the hub's pages and static files with the security headers.</summary>
    public static WebApplication MapGatehouseHub(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.MapRazorPages();
        app.MapGet("/", () => Results.Redirect("/hub/"));
        return app;
    }
}

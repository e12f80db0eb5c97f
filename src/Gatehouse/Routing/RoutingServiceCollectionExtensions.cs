
namespace Gatehouse.Routing;

public static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// Registers data routing: the DNS resolver behind the CNAME check, the check itself, and the background
    /// re-check, with the <c>Routing</c> section checked as the server starts.
    /// </summary>
    public static IServiceCollection AddDataRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoutingOptions>()
            .Bind(configuration.GetSection(RoutingOptions.SectionName))
            .Validate(o => o.CnameCheckInterval > TimeSpan.Zero, "Routing:CnameCheckInterval must be positive.")
            .Validate(o => o.CnameCheckTimeout > TimeSpan.Zero, "Routing:CnameCheckTimeout must be positive.")
            .Validate(o => o.CnameChecksPerRound > 0, "Routing:CnameChecksPerRound must be at least 1.")
            .Validate(HasValidNameServers, "Routing:NameServers entries must be IP addresses with an optional port.")
            .ValidateOnStart();
        services.AddSingleton<ICnameResolver, DnsCnameResolver>();
        services.AddSingleton<CnameCheck>();
        services.AddSingleton<CnameRechecker>();
        services.AddHostedService(sp => sp.GetRequiredService<CnameRechecker>());
        return services;
    }

    private static bool HasValidNameServers(RoutingOptions options) =>
        options.NameServers.All(entry => System.Net.IPEndPoint.TryParse(entry.Trim(), out _));
}

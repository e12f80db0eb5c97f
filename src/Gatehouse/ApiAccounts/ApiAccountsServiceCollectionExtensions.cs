using Microsoft.AspNetCore.Authentication;

namespace Gatehouse.ApiAccounts;

public static class ApiAccountsServiceCollectionExtensions
{
    /// <summary>Registers API accounts, the token endpoint's throttle and bearer-token authentication.</summary>
    public static IServiceCollection AddApiAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApiAccountStore(configuration);
        services.AddSingleton<TokenFailureThrottle>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(
                ApiTokenAuthenticationHandler.SchemeName, _ => { });
        return services;
    }

    /// <summary>Registers what creates, lists and removes API accounts; the operator CLI needs only this.</summary>
    public static IServiceCollection AddApiAccountStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TokenOptions>(configuration.GetSection(TokenOptions.SectionName));
        services.AddScoped<ApiAccountService>();
        return services;
    }
}

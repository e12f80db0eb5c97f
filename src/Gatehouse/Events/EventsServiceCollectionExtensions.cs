using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gatehouse.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Publishes queued events to the Conversions API: the <c>ConversionsApi</c> settings (checked as the
    /// server starts), the HTTP client, the queue depth, the signal that intake notifies after storing
    /// events, and the background publisher. With <c>ConversionsApi:Enabled</c> false the publisher idles,
    /// and events wait in the database for an instance that publishes.
    /// </summary>
    public static IServiceCollection AddEventPublishing(
        this IServiceCollection services,
        IConfiguration configuration)
    {
        var section = configuration.GetSection(ConversionsApiOptions.SectionName);
        services.AddOptions<ConversionsApiOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConversionsApiOptions>, ConversionsApiOptionsValidator>();
        services.TryAddSingleton<QueueDepth>();
        services.TryAddSingleton<PublishSignal>();
        services.AddHttpClient<ConversionsApiClient>(ConversionsApiClient.Name, (provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<ConversionsApiOptions>>().Value;
            http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
            http.Timeout = options.Timeout;
        });
        services.AddHostedService<EventPublisher>();
        return services;
    }
}

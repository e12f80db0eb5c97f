using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gatehouse.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>Registers the intake's options, its pixel cache and the queue depth it guards.</summary>
    public static IServiceCollection AddEventIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.SectionName))
            .Validate(o => o.MaxQueueDepth > 0, "Events:MaxQueueDepth must be at least 1.")
            .Validate(o => o.MaxEventBytes is >= 1024 and <= 1024 * 1024,
                "Events:MaxEventBytes must be from 1024 to 1048576.")
            .Validate(o => o.MaxBatchBytes >= o.MaxEventBytes, "Events:MaxBatchBytes must be at least MaxEventBytes.")
            .Validate(o => o.MaxEventAge > TimeSpan.Zero && o.MaxClockSkew >= TimeSpan.Zero,
                "Events:MaxEventAge must be positive and Events:MaxClockSkew not negative.")
            .ValidateOnStart();
        services.AddSingleton<IntakePixels>();
        services.TryAddSingleton<QueueDepth>();
        services.TryAddSingleton<PublishSignal>();
        services.AddSingleton<EventWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<EventWriter>());
        return services;
    }

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

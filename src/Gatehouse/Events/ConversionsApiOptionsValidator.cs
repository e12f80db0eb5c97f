using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Gatehouse.Events;

/// <summary>Refuses to start with publishing settings that would lose, flood or double-send events.</summary>
public sealed partial class ConversionsApiOptionsValidator : IValidateOptions<ConversionsApiOptions>
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, ConversionsApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"ConversionsApi:BaseUrl \"{options.BaseUrl}\" is not an http or https address: "
                + "give one such as https://graph.facebook.com.");
        }

        if (options.DefaultApiVersion is null || !ApiVersionPattern().IsMatch(options.DefaultApiVersion))
        {
            failures.Add($"ConversionsApi:DefaultApiVersion \"{options.DefaultApiVersion}\" is not a Graph API "
                + "version: give one such as v21.0.");
        }

        if (options.BatchSize is < 1 or > ConversionsApiOptions.MaxBatchSize)
        {
            failures.Add($"ConversionsApi:BatchSize {options.BatchSize} is out of range: give 1 to "
                + $"{ConversionsApiOptions.MaxBatchSize}, the Conversions API's limit per request.");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            failures.Add($"ConversionsApi:MaxAttempts {options.MaxAttempts} is out of range: give 1 to 100.");
        }

        if (options.Parallelism is < 1 or > 64)
        {
            failures.Add($"ConversionsApi:Parallelism {options.Parallelism} is out of range: give 1 to 64.");
        }

        CheckTime(failures, "Timeout", options.Timeout, "00:00:30");
        CheckTime(failures, "BackoffBase", options.BackoffBase, "00:00:05");
        CheckTime(failures, "BackoffCap", options.BackoffCap, "00:15:00");
        CheckTime(failures, "LeaseDuration", options.LeaseDuration, "00:02:00");
        CheckTime(failures, "PollInterval", options.PollInterval, "00:00:01");
        CheckTime(failures, "QueueDepthRefreshInterval", options.QueueDepthRefreshInterval, "00:00:05");
        if (options.BackoffCap < options.BackoffBase)
        {
            failures.Add($"ConversionsApi:BackoffCap {options.BackoffCap} is below BackoffBase "
                + $"{options.BackoffBase}: the cap must be at least the first wait.");
        }

        // A lease that lapses while its request is still under way lets another instance send the same
        // events again.
        if (options.LeaseDuration < options.Timeout * 2)
        {
            failures.Add($"ConversionsApi:LeaseDuration {options.LeaseDuration} is too short: give at least "
                + $"twice ConversionsApi:Timeout ({options.Timeout}), so that no lease lapses mid-request.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckTime(List<string> failures, string setting, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero || value > LongestWait)
        {
            failures.Add($"ConversionsApi:{setting} {value} is out of range: give a positive time of at most "
                + $"a day, such as {example}.");
        }
    }

    [GeneratedRegex(@"^v[0-9]{1,3}\.[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();
}

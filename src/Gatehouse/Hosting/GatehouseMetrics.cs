using System.Diagnostics.Metrics;
using Gatehouse.Events;
using Gatehouse.Users;

namespace Gatehouse.Hosting;

/// <summary>
/// The application's own instruments, on the meter named <see cref="MeterName"/>. Tags carry only outcomes
/// and schema names, never ids, emails or account names, so every series stays one of a handful.
/// </summary>
public sealed class GatehouseMetrics
{
    public const string MeterName = "Gatehouse";

    // Most operations take milliseconds; the execution timeout (10 s by default) bounds the top bucket.
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    // Conversions API requests take tens to hundreds of milliseconds; ConversionsApi:Timeout (30 s) bounds them.
    private static readonly double[] PublishBuckets = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _graphQLRequests;
    private readonly Histogram<double> _graphQLDuration;
    private readonly Counter<long> _tokenRequests;
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _invitationMails;
    private readonly Counter<long> _eventsReceived;
    private readonly Counter<long> _publisherEvents;
    private readonly Counter<long> _publishAttempts;
    private readonly Histogram<double> _publishDuration;

    public GatehouseMetrics(IMeterFactory meterFactory, QueueDepth queueDepth)
    {
        var meter = meterFactory.Create(MeterName);
        _graphQLRequests = meter.CreateCounter<long>("gatehouse.graphql.requests",
            description: "GraphQL requests by schema and outcome (ok, error, refused by the transport).");
        _graphQLDuration = meter.CreateHistogram("gatehouse.graphql.request.duration", unit: "s",
            description: "Time to execute GraphQL operations that passed the transport checks.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _tokenRequests = meter.CreateCounter<long>("gatehouse.token.requests",
            description: "Token requests by outcome (issued, invalid_client, invalid_request, throttled).");
        _signIns = meter.CreateCounter<long>("gatehouse.hub.sign_ins",
            description: "Hub sign-ins by outcome (succeeded, invalid, locked_out, inactive).");
        _invitationMails = meter.CreateCounter<long>("gatehouse.invitation.mails",
            description: "Invitation mails by outcome (sent, failed, dropped because the outbox was full).");
        _eventsReceived = meter.CreateCounter<long>("gatehouse.events.received",
            description: "Events that reached the intake, by source (pixel, capi) and outcome "
                + "(queued, dropped by a switch or filter, rejected, throttled because the queue was full).");
        _publisherEvents = meter.CreateCounter<long>("gatehouse.publisher.events",
            description: "Events that left the queue by outcome (published, failed, dropped by the switch).");
        _publishAttempts = meter.CreateCounter<long>("gatehouse.publisher.attempts",
            description: "Conversions API requests by outcome (ok, transient, permanent).");
        _publishDuration = meter.CreateHistogram("gatehouse.publisher.request.duration", unit: "s",
            description: "Time Conversions API requests took, by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PublishBuckets });
        meter.CreateObservableGauge("gatehouse.queue.depth", () => queueDepth.Current,
            description: "Accepted events waiting to be published, as this instance last counted them.");
    }

    /// <summary>A GraphQL operation ran; it counts as an error when its result has any error.</summary>
    public void GraphQLExecuted(string schema, bool hasErrors, TimeSpan elapsed)
    {
        _graphQLRequests.Add(1, Tag("schema", schema), Tag("outcome", hasErrors ? "error" : "ok"));
        _graphQLDuration.Record(elapsed.TotalSeconds, Tag("schema", schema));
    }

    /// <summary>The transport answered with an error (401, 413, 415, ...) and no operation ran.</summary>
    public void GraphQLRefused(string schema) =>
        _graphQLRequests.Add(1, Tag("schema", schema), Tag("outcome", "refused"));

    /// <summary>
    /// A token request ended: <c>issued</c>, <c>throttled</c>, or the RFC 6749 error code it was refused with.
    /// </summary>
    public void TokenRequested(string outcome) => _tokenRequests.Add(1, Tag("outcome", outcome));

    public void SignedIn(SignInOutcome outcome) => _signIns.Add(1, Tag("outcome", OutcomeName(outcome)));

    /// <summary>An invitation mail was <c>sent</c>, <c>failed</c> to send, or <c>dropped</c> unqueued.</summary>
    public void InvitationMailed(string outcome) => _invitationMails.Add(1, Tag("outcome", outcome));

    /// <summary>
    /// Events of one intake request: <c>queued</c>, <c>dropped</c>, <c>rejected</c> or <c>throttled</c>.
    /// </summary>
    public void EventsReceived(string source, string outcome, long count)
    {
        if (count > 0)
        {
            _eventsReceived.Add(count, Tag("source", source), Tag("outcome", outcome));
        }
    }

    /// <summary>Events left the queue: <c>published</c>, <c>failed</c> or <c>dropped</c>.</summary>
    public void EventsFinished(string outcome, long count)
    {
        if (count > 0)
        {
            _publisherEvents.Add(count, Tag("outcome", outcome));
        }
    }

    /// <summary>A Conversions API request ended: <c>ok</c>, <c>transient</c> or <c>permanent</c>.</summary>
    public void PublishAttempted(string outcome, TimeSpan elapsed)
    {
        _publishAttempts.Add(1, Tag("outcome", outcome));
        _publishDuration.Record(elapsed.TotalSeconds, Tag("outcome", outcome));
    }

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);

    private static string OutcomeName(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.Succeeded => "succeeded",
        SignInOutcome.LockedOut => "locked_out",
        SignInOutcome.Inactive => "inactive",
        _ => "invalid",
    };
}

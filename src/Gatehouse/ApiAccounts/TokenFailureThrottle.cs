using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Gatehouse.ApiAccounts;

/// <summary>
/// Counts failed token requests per client address and refuses an address that fails too often.
/// Limitation: the counts live in each instance's memory, so several instances behind one load balancer
/// each allow the full number of failures.
/// </summary>
public sealed class TokenFailureThrottle(TimeProvider clock, IOptions<TokenOptions> options)
{
    // An address that stays quiet for a whole window is forgotten; past this many tracked addresses the
    // table is swept on the next failure so that a flood of addresses cannot grow it without bound.
    private const int SweepThreshold = 10_000;

    // Requests whose address the server does not know (an in-process host, a socket that is not IP) share one
    // count instead of escaping the limit; the broadcast address never appears as a client's own.
    private static readonly IPAddress UnknownAddress = IPAddress.None;

    private readonly ConcurrentDictionary<IPAddress, Failures> _failures = new();

    /// <summary>How long the address must wait before trying again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        if (!_failures.TryGetValue(address ?? UnknownAddress, out var failures))
        {
            return null;
        }

        lock (failures)
        {
            var now = clock.GetUtcNow();
            failures.Forget(now - options.Value.FailureWindow);
            if (failures.Times.Count < options.Value.FailureLimit)
            {
                return null;
            }

            return failures.Times.Peek() + options.Value.FailureWindow - now;
        }
    }

    public void RecordFailure(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > SweepThreshold)
        {
            Sweep(now - options.Value.FailureWindow);
        }

        var failures = _failures.GetOrAdd(address ?? UnknownAddress, _ => new Failures());
        lock (failures)
        {
            failures.Forget(now - options.Value.FailureWindow);
            failures.Times.Enqueue(now);
        }
    }

    private void Sweep(DateTimeOffset horizon)
    {
        foreach (var (address, failures) in _failures)
        {
            lock (failures)
            {
                failures.Forget(horizon);
                if (failures.Times.Count == 0)
                {
                    _failures.TryRemove(address, out _);
                }
            }
        }
    }

    private sealed class Failures
    {
        public Queue<DateTimeOffset> Times { get; } = new();

        public void Forget(DateTimeOffset horizon)
        {
            while (Times.Count > 0 && Times.Peek() <= horizon)
            {
                Times.Dequeue();
            }
        }
    }
}

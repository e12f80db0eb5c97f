using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Gatehouse.ApiAccounts;

/// <summary>
/// Counts failed token requests per client address and refuses an address that fails too often. Each
/// attempt is counted as a failure when it starts and forgiven when it succeeds, so a burst of parallel
/// guesses cannot slip past the limit before the first of them fails.
/// Limitation: the counts live in each instance's memory, so several instances behind one load balancer
/// each allow the full number of failures.
/// </summary>
public sealed class TokenFailureThrottle(TimeProvider clock, IOptions<TokenOptions> options)
{
    // An address that stays quiet for a whole window is forgotten; past this many tracked addresses the
    // table is swept so that a flood of addresses cannot grow it without bound.
    private const int SweepThreshold = 10_000;

    // Requests whose address the server does not know (an in-process host, a socket that is not IP) share one
    // count instead of escaping the limit; the broadcast address never appears as a client's own.
    private static readonly IPAddress UnknownAddress = IPAddress.None;

    private readonly ConcurrentDictionary<IPAddress, Attempts> _attempts = new();

    /// <summary>
    /// Counts an attempt from the address. Returns how long the address must wait when it has used up its
    /// failures (the attempt is then not counted), or null when it may go ahead.
    /// </summary>
    public TimeSpan? TryBegin(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        var horizon = now - options.Value.FailureWindow;
        if (_attempts.Count > SweepThreshold)
        {
            Sweep(horizon);
        }

        while (true)
        {
            var attempts = _attempts.GetOrAdd(address ?? UnknownAddress, _ => new Attempts());
            lock (attempts)
            {
                // A sweep may have dropped this entry between the lookup and the lock; start over with a live one.
                if (attempts.IsRetired)
                {
                    continue;
                }

                attempts.Forget(horizon);
                if (attempts.Times.Count >= options.Value.FailureLimit)
                {
                    return attempts.Times[0] + options.Value.FailureWindow - now;
                }

                attempts.Times.Add(now);
                return null;
            }
        }
    }

    /// <summary>Forgives the attempt that <see cref="TryBegin"/> counted, because it succeeded.</summary>
    public void Succeeded(IPAddress? address)
    {
        if (_attempts.TryGetValue(address ?? UnknownAddress, out var attempts))
        {
            lock (attempts)
            {
                if (attempts.Times.Count > 0)
                {
                    attempts.Times.RemoveAt(attempts.Times.Count - 1);
                }
            }
        }
    }

    private void Sweep(DateTimeOffset horizon)
    {
        foreach (var (address, attempts) in _attempts)
        {
            lock (attempts)
            {
                attempts.Forget(horizon);
                if (attempts.Times.Count == 0)
                {
                    attempts.IsRetired = true;
                    _attempts.TryRemove(address, out _);
                }
            }
        }
    }

    private sealed class Attempts
    {
        public List<DateTimeOffset> Times { get; } = [];

        public bool IsRetired { get; set; }

        public void Forget(DateTimeOffset horizon)
        {
            var expired = Times.FindIndex(time => time > horizon);
            Times.RemoveRange(0, expired < 0 ? Times.Count : expired);
        }
    }
}

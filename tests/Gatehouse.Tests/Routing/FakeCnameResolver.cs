using System.Collections.Concurrent;
using Gatehouse.Routing;

namespace Gatehouse.Tests.Routing;

/// <summary>
/// DNS as tests arrange it: CNAME records held in memory, names whose lookup fails, and names whose lookup
/// never answers (it waits until the check gives up).
/// </summary>
public sealed class FakeCnameResolver : ICnameResolver
{
    private readonly ConcurrentDictionary<string, string> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _silent = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Func<Task>> _onLookup = new(StringComparer.OrdinalIgnoreCase);

    public void Point(string name, string target) => _records[name] = target;

    public void Remove(string name) => _records.TryRemove(name, out _);

    public void Fail(string name) => _failing[name] = true;

    public void Silence(string name) => _silent[name] = true;

    /// <summary>Runs <paramref name="action"/> while <paramref name="name"/> is being looked up.</summary>
    public void DuringLookup(string name, Func<Task> action) => _onLookup[name] = action;

    public async Task<string?> FindCnameAsync(string name, CancellationToken cancellationToken)
    {
        if (_onLookup.TryRemove(name, out var action))
        {
            await action();
        }

        if (_silent.ContainsKey(name))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return _failing.ContainsKey(name)
            ? throw new CnameLookupException("The test's name server failed.")
            : _records.GetValueOrDefault(name);
    }
}

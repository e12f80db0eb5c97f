namespace Gatehouse.Events;

/// <summary>
/// How many accepted events wait to be published, as this instance knows it: read from the database at
/// start and every few seconds by the publisher, and moved in between by what this instance adds and
/// removes. Ingestion refuses new events while it is at the configured bound, and <c>/metrics</c> shows it.
/// </summary>
public sealed class QueueDepth
{
    private long _depth;

    public long Current => Interlocked.Read(ref _depth);

    public void Added(long count) => Interlocked.Add(ref _depth, count);

    public void Removed(long count) => Interlocked.Add(ref _depth, -count);

    /// <summary>Replaces the estimate with a count read from the database.</summary>
    public void Reset(long counted) => Interlocked.Exchange(ref _depth, counted);
}

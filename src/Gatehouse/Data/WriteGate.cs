namespace Gatehouse.Data;

/// <summary>
/// Lets the data plane's write transactions take turns inside the process on SQLite. SQLite has one writer at
/// a time, and a connection that finds the file locked backs off and sleeps before it tries again, so writers
/// that collide wait far longer than the writes take; waiting here instead hands the lock straight on. On
/// PostgreSQL, which writes concurrently, the gate is open.
/// </summary>
public sealed class WriteGate(DatabaseOptions options)
{
    private readonly SemaphoreSlim? _turn = options.Provider == DatabaseProvider.Sqlite ? new(1, 1) : null;

    /// <summary>Waits for this process's turn to write; dispose the result once the transaction has ended.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (_turn is not null)
        {
            await _turn.WaitAsync(ct);
        }

        return new Turn(_turn);
    }

    public readonly struct Turn(SemaphoreSlim? turn) : IDisposable
    {
        public void Dispose() => turn?.Release();
    }
}

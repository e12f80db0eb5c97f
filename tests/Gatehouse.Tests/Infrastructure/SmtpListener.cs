using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gatehouse.Tests.Infrastructure;

/// <summary>A message as the SMTP listener received it: the envelope and the DATA, dot-unstuffed.</summary>
public sealed record SmtpMessage(string From, IReadOnlyList<string> To, string Data);

/// <summary>
/// A small SMTP server (RFC 5321, https://www.rfc-editor.org/rfc/rfc5321) on 127.0.0.1 and a port the system
/// picks. It speaks EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT, without TLS or AUTH, and keeps what
/// it receives. With <see cref="RefuseData"/> it answers DATA with 554, as a server refusing mail does.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    // Latin-1 maps every byte to one char and back, so the DATA is kept exactly as sent.
    private static readonly Encoding Wire = Encoding.Latin1;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<SmtpMessage> _messages = [];
    private readonly List<Task> _sessions = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _received = NewSignal();
    private Task _accepting = Task.CompletedTask;
    private int _connections;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public bool RefuseData { get; init; }

    /// <summary>How many connections were opened to the listener so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<SmtpMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync(_stopping.Token);
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> messages that <paramref name="match"/> (or any, without it)
    /// have arrived, and returns all such messages in the order they came.
    /// </summary>
    public async Task<IReadOnlyList<SmtpMessage>> WaitForMessagesAsync(
        int count,
        TimeSpan timeout,
        Func<SmtpMessage, bool>? match = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task received;
            lock (_lock)
            {
                var matching = _messages.Where(match ?? (_ => true)).ToList();
                if (matching.Count >= count)
                {
                    return matching;
                }

                received = _received.Task;
            }

            try
            {
                await received.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"The SMTP listener received fewer than {count} matching messages within {timeout}.");
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> connections have been opened in all.</summary>
    public async Task WaitForConnectionsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Connections < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The SMTP listener saw fewer than {count} connections within {timeout}.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions);
        _listener.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(stopping);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            lock (_lock)
            {
                _sessions.Add(ServeAsync(client, stopping));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stopping)
    {
        using var connection = client;
        try
        {
            var stream = connection.GetStream();
            using var reader = new StreamReader(stream, Wire);
            await using var writer = new StreamWriter(stream, Wire) { NewLine = "\r\n", AutoFlush = true };
            await new SmtpSession(this, reader, writer).RunAsync(stopping);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the listener is stopping; either way the conversation is over.
        }
    }

    private void Keep(SmtpMessage message)
    {
        TaskCompletionSource received;
        lock (_lock)
        {
            _messages.Add(message);
            received = _received;
            _received = NewSignal();
        }

        received.SetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One client's conversation: the state of its current mail transaction.</summary>
    private sealed class SmtpSession(SmtpListener listener, StreamReader reader, StreamWriter writer)
    {
        private bool _greeted;
        private string? _from;
        private readonly List<string> _to = [];

        public async Task RunAsync(CancellationToken stopping)
        {
            await writer.WriteLineAsync("220 127.0.0.1 ESMTP test listener ready");
            while (await reader.ReadLineAsync(stopping) is { } line)
            {
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                var argument = line.Length > 5 ? line[5..] : "";
                if (verb == "QUIT")
                {
                    await writer.WriteLineAsync("221 2.0.0 Bye");
                    return;
                }

                await writer.WriteLineAsync(await AnswerAsync(verb, argument, stopping));
            }
        }

        private async Task<string> AnswerAsync(string verb, string argument, CancellationToken stopping)
        {
            switch (verb)
            {
                case "EHLO" or "HELO":
                    _greeted = true;
                    Reset();
                    return "250 127.0.0.1";
                case "NOOP":
                    return "250 2.0.0 OK";
                case "RSET":
                    Reset();
                    return "250 2.0.0 OK";
                case "MAIL" when !_greeted:
                    return "503 5.5.1 Say EHLO or HELO first";
                case "MAIL" when argument.StartsWith("FROM:", StringComparison.OrdinalIgnoreCase):
                    Reset();
                    _from = Path(argument[5..]);
                    return "250 2.1.0 OK";
                case "RCPT" when _from is null:
                    return "503 5.5.1 Need MAIL first";
                case "RCPT" when argument.StartsWith("TO:", StringComparison.OrdinalIgnoreCase):
                    _to.Add(Path(argument[3..]));
                    return "250 2.1.5 OK";
                case "DATA" when _to.Count == 0:
                    return "503 5.5.1 Need RCPT first";
                case "DATA" when listener.RefuseData:
                    Reset();
                    return "554 5.7.1 Transaction failed: this listener refuses all mail";
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    listener.Keep(new SmtpMessage(_from!, [.. _to], await ReadDataAsync(stopping)));
                    Reset();
                    return "250 2.0.0 OK queued";
                case "MAIL" or "RCPT":
                    return "501 5.5.4 Syntax error in parameters";
                default:
                    return "500 5.5.2 Command not recognized";
            }
        }

        // RFC 5321 section 4.5.2: the sender doubles a leading dot, and a line of one dot ends the data.
        private async Task<string> ReadDataAsync(CancellationToken stopping)
        {
            var data = new StringBuilder();
            while (true)
            {
                var line = await reader.ReadLineAsync(stopping)
                    ?? throw new IOException("The client closed the connection before the end of the data.");
                if (line == ".")
                {
                    return data.ToString();
                }

                data.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
            }
        }

        // "<address> PARAM=..." -> "address"; extension parameters such as SIZE or BODY are ignored.
        private static string Path(string argument)
        {
            var trimmed = argument.Trim();
            var end = trimmed.IndexOf('>', StringComparison.Ordinal);
            return trimmed.StartsWith('<') && end > 0 ? trimmed[1..end] : trimmed.Split(' ')[0];
        }

        private void Reset()
        {
            _from = null;
            _to.Clear();
        }
    }
}

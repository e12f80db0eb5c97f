using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gatehouse.Tests.Routing;

/// <summary>
/// A name server on 127.0.0.1 and a port the system picks, speaking DNS over UDP (RFC 1035 §4,
/// https://www.rfc-editor.org/rfc/rfc1035#section-4). It answers CNAME questions from the records it was
/// given, NXDOMAIN for other names, and SERVFAIL for names marked as failing.
/// </summary>
public sealed class LocalDnsServer : IAsyncDisposable
{
    private const ushort TypeCname = 5;
    private const ushort ClassIn = 1;

    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, string> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _serving;
    private int _questions;

    public LocalDnsServer() => _serving = ServeAsync(_stopping.Token);

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    /// <summary>How many questions the server has answered.</summary>
    public int Questions => Volatile.Read(ref _questions);

    public void Point(string name, string target) => _records[name] = target;

    public void Remove(string name) => _records.TryRemove(name, out _);

    public void Fail(string name) => _failing[name] = true;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a question.
        }

        _socket.Dispose();
        _stopping.Dispose();
    }

    private async Task ServeAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var request = await _socket.ReceiveAsync(stopping);
            if (Answer(request.Buffer) is { } response)
            {
                Interlocked.Increment(ref _questions);
                await _socket.SendAsync(response, request.RemoteEndPoint, stopping);
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1)
        {
            return null;
        }

        var (name, end) = ReadName(query, 12);
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(end));
        var target = type == TypeCname ? _records.GetValueOrDefault(name) : null;
        var rcode = _failing.ContainsKey(name) ? 2 : target is null ? 3 : 0;

        using var response = new MemoryStream();
        response.Write(query.AsSpan(0, 2));
        // QR (response), RD copied from the question, RA, and the response code.
        Write16(response, (ushort)(0x8080 | (query[2] & 0x01) << 8 | rcode));
        Write16(response, 1);
        Write16(response, (ushort)(rcode == 0 ? 1 : 0));
        Write16(response, 0);
        Write16(response, 0);
        response.Write(query.AsSpan(12, end + 4 - 12));
        if (rcode == 0)
        {
            var data = EncodeName(target!);
            Write16(response, 0xC00C);
            Write16(response, TypeCname);
            Write16(response, ClassIn);
            Write16(response, 0);
            Write16(response, 60);
            Write16(response, (ushort)data.Length);
            response.Write(data);
        }

        return response.ToArray();
    }

    private static (string Name, int End) ReadName(byte[] message, int offset)
    {
        var labels = new List<string>();
        while (message[offset] != 0)
        {
            var length = message[offset];
            labels.Add(Encoding.ASCII.GetString(message, offset + 1, length));
            offset += length + 1;
        }

        return (string.Join('.', labels), offset + 1);
    }

    private static byte[] EncodeName(string name)
    {
        using var encoded = new MemoryStream();
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            encoded.WriteByte((byte)label.Length);
            encoded.Write(Encoding.ASCII.GetBytes(label));
        }

        encoded.WriteByte(0);
        return encoded.ToArray();
    }

    private static void Write16(Stream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        stream.Write(bytes);
    }
}

using System.Net;
using System.Net.Sockets;
using Gatehouse.Routing;
using static Gatehouse.Tests.Routing.DataRoutingSamples;

namespace Gatehouse.Tests.Routing;

/// <summary>The real resolver, DnsClient over UDP, against a name server in the test process.</summary>
public sealed class DnsCnameResolverTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly LocalDnsServer _dns = new();

    [Fact]
    public async Task FindCname_RecordOnTheServer_ReturnsItsTarget()
    {
        _dns.Point(SampleIngress, SampleTarget);
        var resolver = new DnsCnameResolver([_dns.EndPoint], Timeout);

        var target = await resolver.FindCnameAsync(SampleIngress, CancellationToken.None);

        Assert.Equal("capig.targetDomain.com.", target);
    }

    [Fact]
    public async Task FindCname_NameThatDoesNotExist_ReturnsNull()
    {
        var resolver = new DnsCnameResolver([_dns.EndPoint], Timeout);

        var target = await resolver.FindCnameAsync("nothing-here.advertiser.com", CancellationToken.None);

        Assert.Null(target);
        Assert.Equal(1, _dns.Questions);
    }

    [Fact]
    public async Task FindCname_ServerFailure_ThrowsLookupException()
    {
        _dns.Fail(SampleIngress);
        var resolver = new DnsCnameResolver([_dns.EndPoint], Timeout);

        var lookup = () => resolver.FindCnameAsync(SampleIngress, CancellationToken.None);

        await Assert.ThrowsAsync<CnameLookupException>(lookup);
    }

    [Fact]
    public async Task FindCname_NoServerListening_ThrowsLookupException()
    {
        var resolver = new DnsCnameResolver([ClosedPort()], TimeSpan.FromMilliseconds(300));

        var lookup = () => resolver.FindCnameAsync(SampleIngress, CancellationToken.None);

        await Assert.ThrowsAsync<CnameLookupException>(lookup);
    }

    public ValueTask DisposeAsync() => _dns.DisposeAsync();

    /// <summary>A loopback UDP port that was free a moment ago and has nothing listening now.</summary>
    private static IPEndPoint ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }
}

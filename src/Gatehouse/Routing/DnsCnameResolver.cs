using System.Net;
using DnsClient;
using Microsoft.Extensions.Options;

namespace Gatehouse.Routing;

/// <summary>
/// Asks real name servers for CNAME records with DnsClient: those of <see cref="RoutingOptions.NameServers"/>,
/// or the system's own when none are set.
/// </summary>
public sealed class DnsCnameResolver : ICnameResolver
{
    // Limitation: the CNAME check asks the configured (or the system's) recursive name servers, so a record
    // that was just created can stay hidden behind a cached negative answer there until its negative TTL runs out.
    private readonly LookupClient _client;

    public DnsCnameResolver(IOptions<RoutingOptions> options)
        : this(Servers(options.Value.NameServers), options.Value.CnameCheckTimeout)
    {
    }

    /// <summary>A resolver that asks the given name servers, or the system's when the list is empty.</summary>
    internal DnsCnameResolver(IReadOnlyList<IPEndPoint> nameServers, TimeSpan timeout)
    {
        var options = nameServers.Count == 0 ? new LookupClientOptions() : new LookupClientOptions([.. nameServers]);

        // Each check must see the record as it is now; the interval between checks is the only cache.
        options.UseCache = false;
        options.Timeout = timeout;
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        _client = new LookupClient(options);
    }

    public async Task<string?> FindCnameAsync(string name, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await _client.QueryAsync(name, QueryType.CNAME, QueryClass.IN, cancellationToken);
        }
        catch (DnsResponseException ex)
        {
            throw new CnameLookupException("No name server answered the CNAME query.", ex);
        }

        // A name that does not exist has no CNAME; a server failure says nothing either way.
        if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            throw new CnameLookupException($"The name server answered {response.Header.ResponseCode}.");
        }

        return response.Answers.CnameRecords().FirstOrDefault()?.CanonicalName.Value;
    }

    /// <summary>Reads <c>address</c> or <c>address:port</c> entries; port 53 when none is given.</summary>
    internal static List<IPEndPoint> Servers(IEnumerable<string> entries) =>
        [.. entries.Select(entry => IPEndPoint.TryParse(entry.Trim(), out var endpoint)
            ? endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint
            : throw new InvalidOperationException(
                $"Routing:NameServers has '{entry}', which is not an IP address with an optional port."))];
}

using Gatehouse.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gatehouse.Tests.Routing;

/// <summary>Routing settings that could not work stop the server from starting, naming the setting.</summary>
public sealed class RoutingSettingsTests
{
    [Theory]
    [InlineData("Routing:NameServers:0", "dns.example.com",
        "Routing:NameServers entries must be IP addresses with an optional port.")]
    [InlineData("Routing:CnameCheckInterval", "00:00:00", "Routing:CnameCheckInterval must be positive.")]
    [InlineData("Routing:CnameCheckTimeout", "-00:00:01", "Routing:CnameCheckTimeout must be positive.")]
    [InlineData("Routing:CnameChecksPerRound", "0", "Routing:CnameChecksPerRound must be at least 1.")]
    public async Task Start_InvalidRoutingSetting_FailsNamingTheSetting(string key, string value, string expected)
    {
        var app = new GatehouseApplication();
        app.Settings[key] = value;

        var error = Record.Exception(() => app.Server);

        await ((IAsyncLifetime)app).DisposeAsync();
        var refused = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }
}

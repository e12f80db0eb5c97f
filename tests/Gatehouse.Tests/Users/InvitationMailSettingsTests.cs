using Gatehouse.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gatehouse.Tests.Users;

/// <summary>SMTP settings that would make every invitation mail fail stop the server from starting.</summary>
public sealed class InvitationMailSettingsTests
{
    [Theory]
    [InlineData(null, "Smtp:From is required when Smtp:Host is set")]
    [InlineData("", "Smtp:From is required when Smtp:Host is set")]
    [InlineData("not an address", "Smtp:From \"not an address\" is not a mail address")]
    [InlineData("Gatehouse <gateway>", "Smtp:From \"Gatehouse <gateway>\" is not a mail address")]
    public async Task Start_HostWithoutValidFrom_FailsNamingSmtpFrom(string? from, string expected)
    {
        var app = new GatehouseApplication();
        app.Settings["Smtp:Host"] = "127.0.0.1";
        app.Settings["Smtp:From"] = from;

        var error = Record.Exception(() => app.Server);

        await ((IAsyncLifetime)app).DisposeAsync();
        var refused = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HostAndFromSet_Starts()
    {
        var app = new GatehouseApplication();
        app.Settings["Smtp:Host"] = "127.0.0.1";
        app.Settings["Smtp:From"] = "Gatehouse <gateway@example.com>";

        var error = Record.Exception(() => app.Server);

        await ((IAsyncLifetime)app).DisposeAsync();
        Assert.Null(error);
    }
}

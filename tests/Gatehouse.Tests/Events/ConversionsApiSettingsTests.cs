using Gatehouse.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gatehouse.Tests.Events;

/// <summary>Publishing settings that would lose, flood or double-send events stop the server from starting.</summary>
public sealed class ConversionsApiSettingsTests
{
    [Theory]
    [InlineData("BatchSize", "1001", "ConversionsApi:BatchSize 1001 is out of range: give 1 to 1000")]
    [InlineData("BatchSize", "0", "ConversionsApi:BatchSize 0 is out of range")]
    [InlineData("BaseUrl", "ftp://graph.example.com", "ConversionsApi:BaseUrl \"ftp://graph.example.com\" is not")]
    [InlineData("DefaultApiVersion", "21.0", "ConversionsApi:DefaultApiVersion \"21.0\" is not a Graph API version")]
    [InlineData("LeaseDuration", "00:00:45", "ConversionsApi:LeaseDuration 00:00:45 is too short")]
    [InlineData("Parallelism", "0", "ConversionsApi:Parallelism 0 is out of range")]
    [InlineData("MaxAttempts", "0", "ConversionsApi:MaxAttempts 0 is out of range")]
    [InlineData("PollInterval", "00:00:00", "ConversionsApi:PollInterval 00:00:00 is out of range")]
    [InlineData("BackoffCap", "00:00:01", "ConversionsApi:BackoffCap 00:00:01 is below BackoffBase 00:00:05")]
    public async Task Start_SettingOutOfRange_FailsNamingTheSetting(string setting, string value, string expected)
    {
        var app = new GatehouseApplication();
        app.Settings["ConversionsApi:" + setting] = value;

        var error = Record.Exception(() => app.Server);

        await ((IAsyncLifetime)app).DisposeAsync();
        var refused = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Tests.Events;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Hub;

/// <summary>
/// The hub's accounts list and account page show the pixels and the traffic the gateway counted: events
/// accepted, not those refused at the door.
/// </summary>
public sealed partial class HubTrafficTests(IntakeApplication intake) : IClassFixture<IntakeApplication>
{
    private readonly GatehouseApplication _app = intake.App;

    [Fact]
    public async Task AccountsListAndAccountPage_EventsReceived_ShowPixelsAndTrafficCounted()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var sender = _app.CreateClient();
        using var accepted = await sender.PostBatchAsync(pixel,
            IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Purchase", "Lead", "PageView"));
        using var refused = await sender.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), ""));
        using var client = await _app.CreateHubClientAsync("agency-admin");

        var list = await client.GetStringAsync("/hub/");
        var page = await client.GetStringAsync($"/hub/accounts/{pixel.TenantId}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest), (accepted.StatusCode, refused.StatusCode));
        var row = Rows().Matches(list).Select(m => m.Value)
            .Single(r => r.Contains($"<code>{pixel.TenantId}</code>", StringComparison.Ordinal));
        Assert.Equal(["1 (1)", "3"], Numbers().Matches(row).Select(m => m.Groups[1].Value));
        Assert.Contains("<strong>3</strong>events, last 24&nbsp;h", page, StringComparison.Ordinal);
        Assert.Contains("<strong>1</strong>pixels with traffic", page, StringComparison.Ordinal);
        Assert.Contains("<strong>1</strong>active pixels", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Rows();

    [GeneratedRegex("""<td class="num">([^<]*)</td>""")]
    private static partial Regex Numbers();
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gatehouse.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Events;

/// <summary><c>POST /capi/{pixelId}/events</c>: the Conversions API's own format, from servers.</summary>
public sealed class CapiIntakeTests(IntakeApplication intake) : IClassFixture<IntakeApplication>
{
    private readonly GatehouseApplication _app = intake.App;

    [Fact]
    public async Task CapiBatch_ValidEvents_AnswersLikeTheConversionsApiAndQueuesThemHashed()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(),
            "Purchase", "PageView", "Purchase"));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, body["events_received"]!.GetValue<int>());
        Assert.Equal("[]", body["messages"]!.ToJsonString());
        Assert.False(string.IsNullOrEmpty(body["fbtrace_id"]!.GetValue<string>()));
        var queued = await _app.QueuedAsync(pixel);
        Assert.Equal(["Purchase", "PageView", "Purchase"], queued.Select(e => e.EventName));
        Assert.All(queued, e => Assert.Equal("shop.example.com", e.Site));
        var first = JsonNode.Parse(queued[0].Payload)!;
        Assert.Equal("event-0", first["event_id"]!.GetValue<string>());
        Assert.Equal(IntakeSetup.Sha256("buyer0@example.com"), first["user_data"]!["em"]![0]!.GetValue<string>());
        Assert.DoesNotContain("xample.com\"", queued[0].Payload.Replace("https://shop.example.com", ""));
        Assert.Equal("203.0.113.7", first["user_data"]!["client_ip_address"]!.GetValue<string>());
        Assert.Equal((3, 0, 0), await _app.CountsAsync(pixel));
    }

    [Fact]
    public async Task CapiBatch_FormWithTokenField_IsAcceptedAsTheGraphApiTakesIt()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();
        var data = JsonNode.Parse(IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Lead"))!["data"]!.ToJsonString();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["data"] = data,
            ["access_token"] = pixel.AccessToken,
        });

        using var response = await client.PostAsync($"/capi/{pixel.PixelId}/events", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await _app.QueuedAsync(pixel));
    }

    [Theory]
    [InlineData("not-the-token")]
    [InlineData("")]
    public async Task CapiBatch_WrongToken_Answers401AndStoresNothing(string token)
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Lead"),
            token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(190, error["code"]!.GetValue<int>());
        Assert.Equal("OAuthException", error["type"]!.GetValue<string>());
        Assert.Empty(await _app.QueuedAsync(pixel));
        Assert.Equal((0, 0, 0), await _app.CountsAsync(pixel));
    }

    [Fact]
    public async Task CapiBatch_StoredTokenNoLongerDecrypts_Answers401InsteadOf500()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        await _app.WithDbAsync(db => db.Pixels.Where(p => p.Id == pixel.PixelId)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.ProtectedAccessToken, "sealed-by-a-lost-key")));
        using var client = _app.CreateClient();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Lead"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await _app.QueuedAsync(pixel));
    }

    [Theory]
    [InlineData("event_name", "null", "data[1].event_name is required")]
    [InlineData("event_time", "\"yesterday\"", "data[1].event_time is required")]
    [InlineData("action_source", "\"fax\"", "data[1].action_source is required")]
    [InlineData("user_data", "[]", "data[1].user_data must be a JSON object.")]
    [InlineData("custom_data", "\"x\"", "data[1].custom_data must be a JSON object.")]
    [InlineData("event_id", "\"\"", "data[1].event_id must be a string")]
    public async Task CapiBatch_OneBadEvent_RefusesTheWholeBatchNamingTheField(
        string field,
        string value,
        string message)
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();
        var batch = JsonNode.Parse(IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Lead", "Lead", "Lead"))!;
        batch["data"]![1]![field] = JsonNode.Parse(value);

        using var response = await client.PostBatchAsync(pixel, batch.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(100, error["code"]!.GetValue<int>());
        Assert.StartsWith(message, error["message"]!.GetValue<string>());
        Assert.Empty(await _app.QueuedAsync(pixel));
        Assert.Equal((0, 0, 3), await _app.CountsAsync(pixel));
    }

    [Theory]
    [InlineData("{\"event_name\":\"Lead\",\"event_name\":\"Purchase\",")]
    [InlineData("{\"event_name\":\"Lead\" ")]
    public async Task CapiBatch_EventNotValidJson_RefusesTheBatchAndStoresNothing(string start)
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();
        var batch = IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Lead", "Lead");
        var broken = batch.Replace("{\"event_name\":\"Lead\",", start, StringComparison.Ordinal);
        Assert.NotEqual(batch, broken);

        using var response = await client.PostBatchAsync(pixel, broken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The body must be valid JSON, with each name at most once in an object.",
            await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _app.QueuedAsync(pixel));
    }

    [Theory]
    [InlineData(-8 * 24 * 60)]
    [InlineData(30)]
    public async Task CapiBatch_EventTimeOutsideTheWindow_IsRefused(int minutesFromNow)
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();

        using var response = await client.PostBatchAsync(pixel,
            IntakeSetup.Batch(_app.Clock.GetUtcNow().AddMinutes(minutesFromNow), "Lead"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data[0].event_time must be within the last 7 days",
            await response.Content.ReadAsStringAsync());
        Assert.Empty(await _app.QueuedAsync(pixel));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task CapiBatch_NoEventsOrMoreThanAThousand_IsRefused(int count)
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();
        var names = Enumerable.Repeat("PageView", count).ToArray();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), names));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("a list of 1 to 1000 events", await response.Content.ReadAsStringAsync());
        Assert.Empty(await _app.QueuedAsync(pixel));
    }

    [Fact]
    public async Task CapiBatch_AThousandEvents_AreAllQueued()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();
        var names = Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? "PageView" : "ViewContent").ToArray();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), names));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, (await _app.QueuedAsync(pixel)).Count);
        Assert.Equal((1000, 0, 0), await _app.CountsAsync(pixel));
    }

    [Fact]
    public async Task CapiBatch_UnknownPixel_Answers404()
    {
        using var client = _app.CreateClient();
        var pixel = new ConnectedPixel("nobody", "999999999999999999", "token");

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Lead"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("is not connected to this gateway", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CapiBatch_ReceivingSwitchedOff_Answers403AndCountsTheEventsRejected()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        await _app.SwitchOffAsync(pixel, Pixels.PixelSamples.Receive);
        using var client = _app.CreateClient();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "A", "B"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await _app.QueuedAsync(pixel));
        Assert.Equal((0, 0, 2), await _app.CountsAsync(pixel));
    }

    [Fact]
    public async Task CapiBatch_PublishingSwitchedOff_CountsEventsReceivedAndDroppedWithoutQueueing()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        await _app.SwitchOffAsync(pixel, Pixels.PixelSamples.Publish);
        using var client = _app.CreateClient();

        using var response = await client.PostBatchAsync(pixel, IntakeSetup.Batch(_app.Clock.GetUtcNow(), "A", "B"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _app.QueuedAsync(pixel));
        Assert.Equal((2, 2, 0), await _app.CountsAsync(pixel));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task CapiBatch_OtherContentType_Answers415(string mediaType)
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();
        using var content = new StringContent(
            IntakeSetup.Batch(_app.Clock.GetUtcNow(), "Lead"), Encoding.UTF8, mediaType);

        using var response = await client.PostAsync($"/capi/{pixel.PixelId}/events?access_token={pixel.AccessToken}",
            content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await _app.QueuedAsync(pixel));
    }
}

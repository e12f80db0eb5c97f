using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.Events;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Events;

/// <summary><c>POST /events</c>: one event a request, as the browser pixel's gateway plugin sends it.</summary>
public sealed class PixelIntakeTests(IntakeApplication intake) : IClassFixture<IntakeApplication>
{
    private readonly GatehouseApplication _app = intake.App;

    /// <summary>The body of the reference's captured browser event (§5.1), for the given pixel.</summary>
    private static string Captured(string pixelId, string advancedMatching = "{}") => $$$"""
        {"event_name":"PageView","event_id":"ob3_plugin-set_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","fb.pixel_id":"{{{pixelId}}}","fb.fbp":"fb.1.1764877160455.85058804220516338","fb.advanced_matching":{{{advancedMatching}}},"custom_data":{},"fb.dynamic_product_ads":{},"conversion_value":{"value":10,"currency":"USD"},"plugin.oneTrustId":"","website_context":{"location":"https://shop.example.com/cart","referrer":"","isInIFrame":false},"event_meta_info":{}}
        """;

    [Fact]
    public async Task PixelEvent_CapturedBrowserBody_IsQueuedAsAServerEventFromTheRequest()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();

        using var response = await client.PostPixelEventAsync(Captured(pixel.PixelId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://shop.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var queued = Assert.Single(await _app.QueuedAsync(pixel));
        Assert.Equal(("PageView", "shop.example.com"), (queued.EventName, queued.Site));
        var now = _app.Clock.GetUtcNow().ToUnixTimeSeconds();

        // The in-process test server has no client address; ServerProcess tests see one over real TCP.
        JsonAssert.Equal($$$"""
            {"event_name":"PageView","event_time":{{{now}}},"action_source":"website",
             "event_id":"ob3_plugin-set_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
             "event_source_url":"https://shop.example.com/cart",
             "user_data":{"fbp":"fb.1.1764877160455.85058804220516338",
               "client_user_agent":"Mozilla/5.0 (X11; Linux x86_64) IntakeTest/1.0"},
             "custom_data":{"value":10,"currency":"USD"}}
            """, queued.Payload);
        Assert.Equal((1, 0, 0), await _app.CountsAsync(pixel));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PixelEvent_AdvancedMatching_IsHashedWithEnrichmentAndLeftOutWithout(bool enrichment)
    {
        var pixel = await _app.ConnectSendingPixelAsync(enrichment);
        using var client = _app.CreateClient();
        var matching = """{"em":"Jane.Doe@Example.com","ph":"+1 (650) 555-0100"}""";

        await client.PostPixelEventAsync(Captured(pixel.PixelId, matching));

        var userData = JsonNode.Parse(Assert.Single(await _app.QueuedAsync(pixel)).Payload)!["user_data"]!;
        Assert.Equal(
            enrichment ? IntakeSetup.Sha256("jane.doe@example.com") : null, userData["em"]?.GetValue<string>());
        Assert.Equal(enrichment ? IntakeSetup.Sha256("16505550100") : null, userData["ph"]?.GetValue<string>());
        Assert.DoesNotContain("Jane", userData.ToJsonString());
    }

    [Fact]
    public async Task PixelEvent_Preflight_AllowsThePageToPostJson()
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/events");
        request.Headers.Add("Origin", "https://shop.example.com");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://shop.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Fact]
    public async Task PixelEvent_BlockedSite_IsCountedDroppedAndTheOriginIsNotAllowed()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        await _app.WithDbAsync(async db =>
        {
            db.DomainFilters.Add(new DomainFilter
            {
                TenantId = pixel.TenantId,
                Domain = "example.com",
                PixelId = DomainFilter.AllPixels,
                State = FilterState.Drop,
            });
            await db.SaveChangesAsync();
        });
        using var client = _app.CreateClient();

        using var response = await client.PostPixelEventAsync(Captured(pixel.PixelId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Empty(await _app.QueuedAsync(pixel));
        Assert.Equal((1, 1, 0), await _app.CountsAsync(pixel));
    }

    [Fact]
    public async Task PixelEvent_DroppedEventName_IsCountedButNotQueued()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        await _app.WithDbAsync(async db =>
        {
            db.EventFilters.Add(new EventFilter
            {
                TenantId = pixel.TenantId,
                EventName = "PageView",
                PixelId = pixel.PixelId,
                State = FilterState.Drop,
            });
            await db.SaveChangesAsync();
        });
        using var client = _app.CreateClient();

        using var response = await client.PostPixelEventAsync(Captured(pixel.PixelId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await _app.QueuedAsync(pixel));
        Assert.Equal((1, 1, 0), await _app.CountsAsync(pixel));
    }

    [Theory]
    [InlineData("""{"event_name":"PageView"}""", 400, "fb.pixel_id is required")]
    [InlineData("""{"event_name":"PageView","fb.pixel_id":"12ab"}""", 400, "fb.pixel_id is required")]
    [InlineData("""{"event_name":"PageView","fb.pixel_id":"777777777777777777"}""", 404, "is not connected")]
    [InlineData("not json", 400, "The body must be a JSON object.")]
    [InlineData("[1,2]", 400, "The body must be a JSON object.")]
    [InlineData("""{"event_name":"PageView","event_name":"Purchase"}""", 400, "The body must be a JSON object.")]
    public async Task PixelEvent_BadBody_AnswersAClearError(string body, int status, string message)
    {
        using var client = _app.CreateClient();

        using var response = await client.PostPixelEventAsync(body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PixelEvent_NoEventName_IsRefusedAndCountedRejected()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();

        using var response = await client.PostPixelEventAsync($$"""{"fb.pixel_id":"{{pixel.PixelId}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("event_name is required", await response.Content.ReadAsStringAsync());
        Assert.Empty(await _app.QueuedAsync(pixel));
        Assert.Equal((0, 0, 1), await _app.CountsAsync(pixel));
    }

    [Fact]
    public async Task PixelEvent_LargerThanTheLimit_Answers413()
    {
        var pixel = await _app.ConnectSendingPixelAsync();
        using var client = _app.CreateClient();
        var padding = new string('x', 40 * 1024);

        using var response = await client.PostPixelEventAsync(
            $$$"""{"event_name":"PageView","fb.pixel_id":"{{{pixel.PixelId}}}","custom_data":{"x":"{{{padding}}}"}}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await _app.QueuedAsync(pixel));
    }
}

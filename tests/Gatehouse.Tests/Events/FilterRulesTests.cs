using Gatehouse.Events;

namespace Gatehouse.Tests.Events;

/// <summary>The rules the data plane applies to every event, and the host names domain filters accept.</summary>
public sealed class FilterRulesTests
{
    private const string Pixel = "1111";
    private const string Other = "2222";

    [Fact]
    public void DecideEvent_NoFilters_Publishes()
    {
        var state = FilterRules.Decide(Array.Empty<EventFilter>(), Pixel, "Purchase");

        Assert.Equal(FilterState.Publish, state);
    }

    [Theory]
    [InlineData(Pixel, FilterState.Publish)]
    [InlineData(Other, FilterState.Drop)]
    public void DecideEvent_PixelAndAccountFilters_PixelFilterWins(string pixelId, FilterState expected)
    {
        EventFilter[] filters =
        [
            Event("Purchase", "", FilterState.Drop),
            Event("Purchase", Pixel, FilterState.Publish),
        ];

        var state = FilterRules.Decide(filters, pixelId, "Purchase");

        Assert.Equal(expected, state);
    }

    [Theory]
    [InlineData("purchase")]
    [InlineData("Purchase ")]
    [InlineData("PageView")]
    public void DecideEvent_OtherName_IsNotMatched(string eventName)
    {
        EventFilter[] filters = [Event("Purchase", "", FilterState.Drop)];

        var state = FilterRules.Decide(filters, Pixel, eventName);

        Assert.Equal(FilterState.Publish, state);
    }

    [Theory]
    [InlineData("example.com", FilterState.Drop)]
    [InlineData("shop.example.com", FilterState.Drop)]
    [InlineData("a.b.example.com", FilterState.Drop)]
    [InlineData("Shop.Example.COM.", FilterState.Drop)]
    [InlineData("badexample.com", FilterState.Publish)]
    [InlineData("example.com.au", FilterState.Publish)]
    [InlineData("", FilterState.Publish)]
    public void DecideDomain_AccountFilter_MatchesHostAndSubdomains(string site, FilterState expected)
    {
        DomainFilter[] filters = [Domain("example.com", "", FilterState.Drop)];

        var state = FilterRules.Decide(filters, Pixel, site);

        Assert.Equal(expected, state);
    }

    [Theory]
    [InlineData("shop.example.com", FilterState.Publish)]
    [InlineData("www.example.com", FilterState.Drop)]
    public void DecideDomain_CloserDomain_WinsOverParent(string site, FilterState expected)
    {
        DomainFilter[] filters =
        [
            Domain("example.com", Pixel, FilterState.Drop),
            Domain("shop.example.com", "", FilterState.Publish),
        ];

        var state = FilterRules.Decide(filters, Pixel, site);

        Assert.Equal(expected, state);
    }

    [Theory]
    [InlineData(Pixel, FilterState.Publish)]
    [InlineData(Other, FilterState.Drop)]
    public void DecideDomain_SameDomainForPixelAndAccount_PixelFilterWins(string pixelId, FilterState expected)
    {
        DomainFilter[] filters =
        [
            Domain("example.com", Pixel, FilterState.Publish),
            Domain("example.com", "", FilterState.Drop),
        ];

        var state = FilterRules.Decide(filters, pixelId, "www.example.com");

        Assert.Equal(expected, state);
    }

    [Fact]
    public void DecideDomain_FilterOfAnotherPixel_IsIgnored()
    {
        DomainFilter[] filters = [Domain("example.com", Other, FilterState.Drop)];

        var state = FilterRules.Decide(filters, Pixel, "example.com");

        Assert.Equal(FilterState.Publish, state);
    }

    [Theory]
    [InlineData("Purchase", "example.com", false)]
    [InlineData("PageView", "shop.example.com", false)]
    [InlineData("PageView", "example.org", true)]
    public void IsPublished_EventOrDomainDropped_IsNotPublished(string eventName, string site, bool expected)
    {
        EventFilter[] events = [Event("Purchase", "", FilterState.Drop)];
        DomainFilter[] domains = [Domain("example.com", Pixel, FilterState.Drop)];

        var published = FilterRules.IsPublished(events, domains, Pixel, eventName, site);

        Assert.Equal(expected, published);
    }

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData(" Shop.Example.COM. ", "shop.example.com")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    [InlineData("localhost", "localhost")]
    [InlineData("a-b.example", "a-b.example")]
    public void Normalize_BareHost_ReturnsStoredForm(string value, string expected)
    {
        var host = DomainNames.Normalize(value);

        Assert.Equal(expected, host);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("https://example.com")]
    [InlineData("example.com/shop")]
    [InlineData("example.com:8080")]
    [InlineData("user@example.com")]
    [InlineData("exa mple.com")]
    [InlineData("example..com")]
    [InlineData("-example.com")]
    [InlineData("example_shop.com")]
    [InlineData("*.example.com")]
    public void Normalize_NotABareHost_ReturnsNull(string value)
    {
        var host = DomainNames.Normalize(value);

        Assert.Null(host);
    }

    [Fact]
    public void Normalize_OverlongHostOrLabel_ReturnsNull()
    {
        var longLabel = new string('a', 64) + ".com";
        var longHost = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));

        Assert.Null(DomainNames.Normalize(longLabel));
        Assert.Null(DomainNames.Normalize(longHost));
    }

    private static EventFilter Event(string name, string pixelId, FilterState state) =>
        new() { TenantId = "t", EventName = name, PixelId = pixelId, State = state };

    private static DomainFilter Domain(string domain, string pixelId, FilterState state) =>
        new() { TenantId = "t", Domain = domain, PixelId = pixelId, State = state };
}

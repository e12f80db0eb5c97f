using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gatehouse.Tests.Hub;

/// <summary>
/// The hub's two cookies, the session and the antiforgery token: scripts cannot read them, forms posted from
/// other sites do not carry them, and over HTTPS (directly, or through a proxy that says so) they are Secure.
/// </summary>
public sealed partial class CookieTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    [Fact]
    public async Task SignIn_OverHttp_CookiesAreHttpOnlyAndSameSiteWithoutSecure()
    {
        using var browser = CreateClient(app, "http://localhost");

        var cookies = await SignInCookiesAsync(app, browser);

        Assert.Equal(["httponly", "path=/", "samesite=lax"], cookies["gatehouse_session"]);
        Assert.Equal(["httponly", "path=/", "samesite=strict"], cookies["gatehouse_csrf"]);
    }

    [Fact]
    public async Task SignIn_OverHttps_CookiesAreSecure()
    {
        using var browser = CreateClient(app, "https://localhost");

        var cookies = await SignInCookiesAsync(app, browser);

        Assert.Equal(["httponly", "path=/", "samesite=lax", "secure"], cookies["gatehouse_session"]);
        Assert.Equal(["httponly", "path=/", "samesite=strict", "secure"], cookies["gatehouse_csrf"]);
    }

    [Fact]
    public async Task SignIn_BehindTlsProxyWithForwardedHeaders_CookiesAreSecure()
    {
        var proxied = new GatehouseApplication();
        proxied.Settings["FORWARDEDHEADERS_ENABLED"] = "true";
        await proxied.InitializeAsync();
        using var browser = CreateClient(proxied, "http://localhost");
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var cookies = await SignInCookiesAsync(proxied, browser);

        await ((IAsyncLifetime)proxied).DisposeAsync();
        Assert.Equal(["httponly", "path=/", "samesite=lax", "secure"], cookies["gatehouse_session"]);
        Assert.Equal(["httponly", "path=/", "samesite=strict", "secure"], cookies["gatehouse_csrf"]);
    }

    /// <summary>
    /// Opens the sign-in page and signs in, carrying the cookies as a browser on the address the server
    /// believes in would, and returns the attributes of each cookie set on the way (lower-cased and sorted,
    /// without the value and the expiry date), by cookie name.
    /// </summary>
    private static async Task<Dictionary<string, List<string>>> SignInCookiesAsync(
        GatehouseApplication application,
        HttpClient browser)
    {
        var email = HubUsers.NewEmail();
        await application.AddHubUserAsync(email, HubUsers.Password, "agency-view");
        using var page = await browser.GetAsync("/auth/login");
        var token = FormToken().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var pageCookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = HubUsers.Password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        signIn.Headers.Add("Cookie", pageCookies);
        using var signedIn = await browser.SendAsync(signIn);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        return page.Headers.GetValues("Set-Cookie").Concat(signedIn.Headers.GetValues("Set-Cookie"))
            .Where(cookie => cookie.StartsWith("gatehouse_", StringComparison.Ordinal))
            .Select(cookie => cookie.Split(';', StringSplitOptions.TrimEntries))
            .ToDictionary(
                parts => parts[0][..parts[0].IndexOf('=', StringComparison.Ordinal)],
                parts => parts.Skip(1)
                    .Select(attribute => attribute.ToLowerInvariant())
                    .Where(attribute => !attribute.StartsWith("expires=", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal)
                    .ToList());
    }

    /// <summary>A client that keeps no cookies of its own and follows no redirects.</summary>
    private static HttpClient CreateClient(GatehouseApplication application, string baseAddress) =>
        application.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri(baseAddress),
        });

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)""")]
    private static partial Regex FormToken();
}

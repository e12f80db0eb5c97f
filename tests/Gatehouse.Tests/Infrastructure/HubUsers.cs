using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Users;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Tests.Infrastructure;

/// <summary>
/// People of the hub: stores activated users with a password and roles, and signs them in through the real
/// sign-in page, so that tests call the API the way the hub's own pages do.
/// </summary>
public static partial class HubUsers
{
    public const string Password = "a long enough password";

    public const string CsrfHeader = "X-CSRF-TOKEN";

    public static string NewEmail() => $"person-{Guid.NewGuid():N}@example.com";

    /// <summary>
    /// Stores an activated user who signs in with <paramref name="password"/> and holds the named roles
    /// (<c>agency-ACTION</c> or <c>advertiser-ACTION-ACCOUNTID</c>); any user with that email is replaced.
    /// </summary>
    public static async Task<Guid> AddHubUserAsync(
        this GatehouseApplication app,
        string email,
        string password,
        params string[] roles)
    {
        var parsed = roles.Select(name => Role.TryParse(name, out var role)
            ? role
            : throw new ArgumentException($"'{name}' is not a role name.", nameof(roles))).ToList();
        var id = Guid.NewGuid();
        var user = new User
        {
            Id = id,
            Email = email,
            Status = UserStatus.Activated,
            DefaultTenantId = parsed.Select(r => r.TenantId).OfType<string>().FirstOrDefault(),
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            Roles = [.. parsed.Select(r => new UserRole { UserId = id, TenantId = r.TenantId, Action = r.Action })],
        };
        user.PasswordHash = PasswordSignIn.Hash(user, password);
        await app.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Email == email).ExecuteDeleteAsync();
            db.Users.Add(user);
            await db.SaveChangesAsync();
        });
        return id;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, like a browser tab under test.</summary>
    public static HttpClient CreateBrowserClient(this GatehouseApplication app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>
    /// Signs in through POST /auth/login and returns a client holding the session cookie that sends the
    /// page's antiforgery token in the X-CSRF-TOKEN header, as hub pages do when they call the API.
    /// </summary>
    public static async Task<HttpClient> SignInAsync(this GatehouseApplication app, string email, string password)
    {
        var client = app.CreateBrowserClient();
        using var response = await client.PostFormAsync(
            "/auth/login", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        client.DefaultRequestHeaders.Add(CsrfHeader, await client.GetCsrfTokenAsync());
        return client;
    }

    /// <summary>
    /// The role a test table names with a placeholder account: <c>advertiser-admin-X</c> becomes
    /// <c>advertiser-admin-</c> followed by <paramref name="x"/>, and a trailing <c>-Y</c> names
    /// <paramref name="y"/>. Only the suffix is replaced, so an account id that itself starts with X or Y
    /// stays intact.
    /// </summary>
    public static string RoleFor(string pattern, string x, string? y = null) =>
        pattern.EndsWith("-X", StringComparison.Ordinal) ? pattern[..^1] + x
        : y is not null && pattern.EndsWith("-Y", StringComparison.Ordinal) ? pattern[..^1] + y
        : pattern;

    /// <summary>Stores a new user with the given roles and returns a signed-in client for them.</summary>
    public static async Task<HttpClient> CreateHubClientAsync(this GatehouseApplication app, params string[] roles)
    {
        var email = NewEmail();
        await app.AddHubUserAsync(email, Password, roles);
        return await app.SignInAsync(email, Password);
    }

    /// <summary>Reads the antiforgery token that hub pages publish in their csrf-token meta tag.</summary>
    public static async Task<string> GetCsrfTokenAsync(this HttpClient client)
    {
        var page = await client.GetStringAsync("/hub/");
        return CsrfMeta().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The hub page has no csrf-token meta tag: is the client signed in?");
    }

    /// <summary>The antiforgery token of the form on the page at <paramref name="path"/>.</summary>
    public static async Task<string> GetFormTokenAsync(this HttpClient client, string path)
    {
        var page = await client.GetStringAsync(path);
        var token = FormToken().Match(page);
        Assert.True(token.Success, $"The page {path} has no form with an antiforgery token.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>
    /// Posts the form of the page at <paramref name="path"/> with <paramref name="fields"/> and the form's
    /// antiforgery token, as a browser would; the page is opened first unless the token is given.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client,
        string path,
        Dictionary<string, string> fields,
        string? formToken = null)
    {
        fields["__RequestVerificationToken"] = formToken ?? await client.GetFormTokenAsync(path);
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(path, form);
    }

    /// <summary>Whether the response starts a hub session.</summary>
    public static bool SetsSessionCookie(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
        && cookies.Any(c => c.StartsWith("gatehouse_session=", StringComparison.Ordinal)
            && !c.StartsWith("gatehouse_session=;", StringComparison.Ordinal));

    [GeneratedRegex("""<meta name="csrf-token" content="([^"]+)">""")]
    private static partial Regex CsrfMeta();

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)""")]
    private static partial Regex FormToken();
}

using System.Net;
using System.Text.RegularExpressions;
using Gatehouse.Users;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gatehouse.Tests.Infrastructure;

/// <summary>Signs people in to the hub through the real login form, antiforgery token and cookies included.</summary>
public static partial class HubSignIn
{
    public const string Password = "correct horse battery staple";

    /// <summary>Stores an activated user with <see cref="Password"/> and the given host role, or none.</summary>
    public static async Task<User> AddHubUserAsync(
        this GatehouseApplication app,
        RoleAction? hostRole = RoleAction.Admin,
        string? email = null)
    {
        var user = new User
        {
            Id = Guid.NewGuid(),
            Email = email ?? $"user-{Guid.NewGuid():N}@example.com",
            Status = UserStatus.Activated,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        user.PasswordHash = PasswordSignIn.Hash(user, Password);
        if (hostRole is { } action)
        {
            user.Roles.Add(new UserRole { UserId = user.Id, TenantId = null, Action = action });
        }

        await app.WithDbAsync(db =>
        {
            db.Users.Add(user);
            return db.SaveChangesAsync();
        });
        return user;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each answer.</summary>
    public static HttpClient CreateBrowserClient(this GatehouseApplication app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser-like client signed in as a new user holding <paramref name="hostRole"/>.</summary>
    public static async Task<HttpClient> CreateSignedInClientAsync(
        this GatehouseApplication app,
        RoleAction? hostRole = RoleAction.Admin)
    {
        var user = await app.AddHubUserAsync(hostRole);
        var client = app.CreateBrowserClient();

        using var response = await client.SignInAsync(user.Email, Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Fills in and posts the login form, as a browser would.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/auth/login");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
        });
        return await client.PostAsync("/auth/login", content);
    }

    /// <summary>The antiforgery token of the first form in <paramref name="html"/>.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex(@"<input[^>]*name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();
}

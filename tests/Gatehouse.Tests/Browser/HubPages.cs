using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Gatehouse.Tests.Browser;

/// <summary>What a person does on the hub's pages, step by step, as they would in a browser.</summary>
public static partial class HubPages
{
    /// <summary>A password that meets the hub's rules.</summary>
    public const string Password = "correct horse battery";

    /// <summary>Opens an invitation link, sets the password and waits for the accounts list.</summary>
    public static async Task AcceptInvitationAsync(this IPage page, string link, string password = Password)
    {
        await page.GotoAsync(link);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat the password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await page.ArriveAtAsync(HubHome());
    }

    /// <summary>
    /// Waits until the page's address matches <paramref name="address"/> and its document has loaded. It looks
    /// at the page instead of waiting for the load event: a navigation that ends while the test is between two
    /// steps can leave that event unseen, and the wait would run out with the page already there.
    /// </summary>
    public static async Task ArriveAtAsync(this IPage page, Regex address)
    {
        await Assertions.Expect(page).ToHaveURLAsync(address, new() { Timeout = HubServer.PageTimeout });
        await page.WaitForFunctionAsync(
            "() => document.readyState === 'complete'", null, new() { Timeout = HubServer.PageTimeout });
    }

    /// <summary>Waits until the page is at the address that ends with <paramref name="path"/> and has loaded.</summary>
    public static Task ArriveAtAsync(this IPage page, string path) =>
        page.ArriveAtAsync(new Regex(Regex.Escape(path) + "$", RegexOptions.None, TimeSpan.FromSeconds(1)));

    /// <summary>Fills in the sign-in form and sends it; the caller checks where that led.</summary>
    public static async Task SubmitSignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/auth/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in and waits for the accounts list.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password = Password)
    {
        await page.SubmitSignInAsync(email, password);
        await page.ArriveAtAsync(HubHome());
    }

    /// <summary>
    /// Creates an account with the form at /hub/accounts/new, as a host admin, and waits for its page.
    /// Returns the account's id, the last part of the page's address.
    /// </summary>
    public static async Task<string> CreateAccountAsync(this IPage page, string name)
    {
        await page.GotoAsync("/hub/accounts/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        try
        {
            await page.ArriveAtAsync(AccountPage());
        }
        catch (PlaywrightException)
        {
            // Say where the browser ended up and what the page said, rather than only that it waited.
            var alerts = await page.GetByRole(AriaRole.Alert).AllInnerTextsAsync();
            Assert.Fail($"Creating the account {name} did not lead to its page: the browser is at {page.Url}"
                + (alerts.Count > 0 ? $", which says: {string.Join(" ", alerts)}" : "."));
        }

        return AccountPage().Match(page.Url).Groups["id"].Value;
    }

    /// <summary>
    /// Adds an API account at /hub/settings/clients, re-entering the password as the form asks, and returns
    /// the secret the page shows once.
    /// </summary>
    public static async Task<string> AddApiAccountAsync(this IPage page, string name, string password = Password)
    {
        await page.GotoAsync("/hub/settings/clients");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Your password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add API account" }).ClickAsync();
        return await page.Locator("#api-secret").ReadAsync();
    }

    /// <summary>The text a person reads in an element, whether it shows text or holds it as a field's value.</summary>
    public static async Task<string> ReadAsync(this ILocator element)
    {
        var tag = await element.EvaluateAsync<string>("e => e.tagName");
        var text = tag is "INPUT" or "TEXTAREA" ? await element.InputValueAsync() : await element.InnerTextAsync();
        return text.Trim();
    }

    /// <summary>The part of the page (a <c>section</c>) under the heading <paramref name="heading"/>.</summary>
    public static ILocator Section(this IPage page, string heading) =>
        page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = heading }) });

    /// <summary>The text of the page's main heading.</summary>
    public static async Task<string> HeadingAsync(this IPage page) =>
        (await page.Locator("main h1").InnerTextAsync()).Trim();

    /// <summary>The rows of the page's table as a person reads them: cells separated by " | ".</summary>
    public static async Task<List<string>> TableRowsAsync(this IPage page)
    {
        var rows = new List<string>();
        foreach (var row in await page.Locator("table tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            rows.Add(string.Join(" | ", cells.Select(cell => WhiteSpace().Replace(cell, " ").Trim())));
        }

        return rows;
    }

    [GeneratedRegex(@"/hub/accounts/(?<id>[A-Za-z0-9]{8})$")]
    public static partial Regex AccountPage();

    [GeneratedRegex(@"/hub/$")]
    private static partial Regex HubHome();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Gatehouse.Cli;
using Gatehouse.Data;
using Gatehouse.Tests.Infrastructure;
using Gatehouse.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gatehouse.Tests.Browser;

/// <summary>
/// The whole application on Kestrel at a free port of 127.0.0.1, on a database of its own, for one test:
/// a real browser talks to it over real sockets, and the operator CLI runs against the same database.
/// Each call to <see cref="OpenBrowserAsync"/> is another person at another browser, with cookies of
/// their own.
/// </summary>
public sealed class HubServer : IAsyncDisposable
{
    /// <summary>The desktop window of most tests and screenshots.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    /// <summary>A phone held upright.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>
    /// How long, in milliseconds, a page or an element may take to come. The suite runs test classes in
    /// parallel on machines with two cores, where a page under load can take longer than Playwright's 30 s
    /// default.
    /// </summary>
    public const float PageTimeout = 90_000;

    private readonly TestDatabase _database;
    private readonly GatehouseApplication _app;
    private readonly IBrowser _browser;
    private readonly List<IBrowserContext> _contexts = [];

    private HubServer(TestDatabase database, GatehouseApplication app, IBrowser browser)
    {
        _database = database;
        _app = app;
        _browser = browser;
        var server = app.Services.GetRequiredService<IServer>();
        BaseAddress = new Uri(server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    public Uri BaseAddress { get; }

    private string PublicBaseUrl => BaseAddress.ToString().TrimEnd('/');

    /// <summary>
    /// What the browser's console reported as errors, and scripts that failed, on every page opened so far:
    /// a Content-Security-Policy violation shows up here.
    /// </summary>
    public ConcurrentQueue<string> BrowserErrors { get; } = new();

    public static async Task<HubServer> StartAsync(ChromiumBrowser browser)
    {
        var database = new TestDatabase();
        var app = new GatehouseApplication(database);
        app.UseKestrel(0);
        try
        {
            app.StartServer();
            return new HubServer(database, app, browser.Browser);
        }
        catch
        {
            await app.DisposeAsync();
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh browser context (no cookies) with one page, at the desktop size unless told.</summary>
    public async Task<IPage> OpenBrowserAsync(ViewportSize? viewport = null)
    {
        var context = await _browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = viewport ?? Desktop,
        });
        _contexts.Add(context);
        context.SetDefaultTimeout(PageTimeout);
        context.SetDefaultNavigationTimeout(PageTimeout);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                BrowserErrors.Enqueue($"{page.Url}: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => BrowserErrors.Enqueue($"{page.Url}: {error}");
        return page;
    }

    /// <summary>
    /// Runs the operator CLI (<c>Gatehouse.dll ARGS</c>) as its own process on this server's database, with
    /// invitation links pointing at this server.
    /// </summary>
    public async Task<CommandResult> RunCliAsync(params string[] args)
    {
        var environment = ServerProcess.EnvironmentFor(_database);
        environment["Hub__PublicBaseUrl"] = PublicBaseUrl;
        return await ServerProcess.RunAsync(environment, args);
    }

    /// <summary>
    /// Makes <paramref name="email"/> a host admin and returns their invitation link. This runs the code of
    /// <c>users add-host-admin EMAIL --json</c> inside the test process, which saves starting the CLI.
    /// </summary>
    public Task<string> AddHostAdminAsync(string email) =>
        RunUsersCommandAsync(commands => commands.AddHostAdminAsync(email));

    /// <summary>
    /// A fresh invitation link for someone who has not signed up yet, as <c>users invite EMAIL</c> gives it.
    /// </summary>
    public Task<string> InviteAgainAsync(string email) =>
        RunUsersCommandAsync(commands => commands.InviteAsync(email));

    /// <summary>A new browser in which a new host admin has accepted their invitation: the accounts list.</summary>
    public async Task<IPage> SignUpHostAdminAsync(string email, ViewportSize? viewport = null)
    {
        var link = await AddHostAdminAsync(email);
        var page = await OpenBrowserAsync(viewport);
        await page.AcceptInvitationAsync(link);
        return page;
    }

    /// <summary>An HTTP client for the same server, for what a program rather than a person does.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<string> RunUsersCommandAsync(Func<UserCommands, Task<int>> command)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var commands = new UserCommands(
            scope.ServiceProvider.GetRequiredService<GatehouseDbContext>(),
            scope.ServiceProvider.GetRequiredService<InvitationService>(),
            TimeProvider.System,
            PublicBaseUrl,
            output,
            error,
            json: true);

        var exitCode = await command(commands);

        Assert.True(exitCode == 0, $"The users command failed: {error}");
        return JsonNode.Parse(output.ToString())!["invitation_link"]!.GetValue<string>();
    }
}

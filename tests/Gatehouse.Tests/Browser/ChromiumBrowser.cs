using Microsoft.Playwright;

namespace Gatehouse.Tests.Browser;

/// <summary>
/// One headless Chromium shared by the tests of a class. Playwright cannot download its own browsers on
/// the build machines, so it drives the system's Chromium (Debian's package), or the one that the
/// environment variable GATEHOUSE_CHROMIUM points at.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string PathVariable = "GATEHOUSE_CHROMIUM";

    private const string DefaultPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started yet.");

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured
            ? configured
            : DefaultPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"No Chromium at {path}. Install it (apt-get install chromium) or set {PathVariable} to its path.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = path,
            Headless = true,

            // The background services would keep calling hosts that the build network refuses.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

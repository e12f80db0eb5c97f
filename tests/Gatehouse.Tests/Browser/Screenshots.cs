using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Gatehouse.Tests.Browser;

/// <summary>
/// Saves what the browser shows as PNG files under the test output folder (<c>screenshots/NAME.png</c>).
/// With GATEHOUSE_UPDATE_SCREENSHOTS=1 it also writes them to <c>docs/screenshots/</c> of the checkout, where
/// the README shows them.
/// </summary>
public static class Screenshots
{
    public const string UpdateVariable = "GATEHOUSE_UPDATE_SCREENSHOTS";

    public static async Task SaveAsync(IPage page, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Only the window, not the whole scrolled page, and one pixel per CSS pixel: small files.
        var png = await page.ScreenshotAsync(new() { Path = path, Scale = ScreenshotScale.Css });
        output.WriteLine($"Screenshot: {path}");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var published = Path.Combine(RepositoryRoot(), "docs", "screenshots", name + ".png");
            Directory.CreateDirectory(Path.GetDirectoryName(published)!);
            await File.WriteAllBytesAsync(published, png);
            output.WriteLine($"Screenshot: {published}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Gatehouse.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No Gatehouse.slnx above {AppContext.BaseDirectory}: {UpdateVariable}=1 works only in a checkout.");
    }
}

using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Gatehouse.Tests.Browser;

public sealed class HostUserTests(ChromiumBrowser chromium, ITestOutputHelper output)
    : IClassFixture<ChromiumBrowser>, IAsyncLifetime
{
    private const string SignInTime = @"\d{4}-\d\d-\d\d \d\d:\d\d";

    private HubServer _hub = null!;

    public async Task InitializeAsync() => _hub = await HubServer.StartAsync(chromium);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task HostUsers_ManagerInvitedAndAccepted_SeesTheUsersWithoutTheForms()
    {
        var admin = await _hub.SignUpHostAdminAsync("admin@example.com");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await admin.ArriveAtAsync("/hub/users");
        var invite = admin.Section("Invite a host user");
        await invite.GetByLabel("Email").FillAsync("colleague@example.com");
        await invite.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Manage" });
        await invite.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        var link = await admin.Locator("#invitation-link").ReadAsync();
        var invited = await admin.TableRowsAsync();
        await Screenshots.SaveAsync(admin, "users", output);
        var colleague = await _hub.OpenBrowserAsync();
        await colleague.AcceptInvitationAsync(link);
        await colleague.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await colleague.ArriveAtAsync("/hub/users");
        var seen = await colleague.TableRowsAsync();

        // Accepting an invitation signs the person in, so it is their last sign-in; the list once said "never".
        Assert.Matches($@"^admin@example\.com you \| Admin \| Active \| {SignInTime} \| $", invited[0]);
        Assert.Equal(
            "colleague@example.com | Manage | Invited | never | "
            + "Admin Manage View only Change Revoke Resend invitation",
            invited[1]);
        Assert.Equal(2, seen.Count);
        Assert.Matches($@"^admin@example\.com \| Admin \| Active \| {SignInTime}$", seen[0]);
        Assert.Matches($@"^colleague@example\.com you \| Manage \| Active \| {SignInTime}$", seen[1]);
        Assert.Equal(0, await colleague.Locator("main form").CountAsync());
    }
}

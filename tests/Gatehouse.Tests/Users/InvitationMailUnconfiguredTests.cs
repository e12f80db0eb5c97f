using Gatehouse.Tests.Infrastructure;
using Gatehouse.Users;
using Microsoft.Extensions.DependencyInjection;
using static Gatehouse.Tests.Users.InvitationRequests;

namespace Gatehouse.Tests.Users;

/// <summary>Without <c>Smtp:Host</c> invitations are only returned, never mailed.</summary>
public sealed class InvitationMailUnconfiguredTests(UnconfiguredMailApplication mailing)
    : IClassFixture<UnconfiguredMailApplication>
{
    [Fact]
    public async Task AddUserWithRole_NoSmtpHost_ReturnsTheLinkWithoutConnecting()
    {
        using var client = await mailing.App.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Quiet Shop");
        var email = NewEmail();

        var response = await client.AddUserWithRoleAsync(email, $"advertiser-admin-{tenantId}");

        var link = InvitationLinkOf(response);
        Assert.StartsWith("http://localhost/auth/verify/?token=", link, StringComparison.Ordinal);
        Assert.Equal(0, mailing.Smtp.Connections);
        Assert.Null(mailing.App.Services.GetService<IInvitationMailer>());
    }

    [Fact]
    public async Task SendInvitation_NoSmtpHost_ReturnsTheLinkWithoutConnecting()
    {
        using var client = await mailing.App.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Quiet Again");
        var email = NewEmail();
        InvitationLinkOf(await client.AddUserWithRoleAsync(email, $"advertiser-admin-{tenantId}"));

        var response = await client.SendInvitationAsync(email, tenantId);

        var link = response.Json["data"]!["userMutations"]!["sendInvitation"]!.GetValue<string>();
        response.ShouldBe($$"""{"data":{"userMutations":{"sendInvitation":"{{link}}"} } }""");
        Assert.StartsWith("http://localhost/auth/verify/?token=", link, StringComparison.Ordinal);
        Assert.Equal(0, mailing.Smtp.Connections);
    }
}

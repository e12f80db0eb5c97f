using Gatehouse.Tests.Infrastructure;
using static Gatehouse.Tests.Users.InvitationRequests;

namespace Gatehouse.Tests.Users;

/// <summary>An SMTP server that refuses invitation mail must not cost the inviter the link.</summary>
public sealed class InvitationMailRefusedTests(RefusingMailApplication mailing)
    : IClassFixture<RefusingMailApplication>
{
    [Fact]
    public async Task AddUserWithRole_ServerRefusesMail_StillReturnsAWorkingLink()
    {
        using var client = await mailing.App.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Refused Shop");
        var email = NewEmail();
        var connections = mailing.Smtp.Connections;

        var response = await client.AddUserWithRoleAsync(email, $"advertiser-admin-{tenantId}");
        await mailing.Smtp.WaitForConnectionsAsync(connections + 1, TimeSpan.FromSeconds(10));

        var link = InvitationLinkOf(response);
        Assert.StartsWith("http://localhost/auth/verify/?token=", link, StringComparison.Ordinal);
        Assert.EndsWith($"&et=inv&email={email}", link, StringComparison.Ordinal);
        Assert.Equal(connections + 1, mailing.Smtp.Connections);
        Assert.Empty(mailing.Smtp.Messages);
        var page = await client.GetStringAsync(new Uri(link));
        Assert.Contains("<h1>Set your password</h1>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendInvitation_ServerRefusesMail_StillReturnsAWorkingLink()
    {
        using var client = await mailing.App.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Refused Again");
        var email = NewEmail();
        var connections = mailing.Smtp.Connections;
        InvitationLinkOf(await client.AddUserWithRoleAsync(email, $"advertiser-admin-{tenantId}"));
        await mailing.Smtp.WaitForConnectionsAsync(connections + 1, TimeSpan.FromSeconds(10));

        var response = await client.SendInvitationAsync(email, tenantId);
        await mailing.Smtp.WaitForConnectionsAsync(connections + 2, TimeSpan.FromSeconds(10));

        var link = response.Json["data"]!["userMutations"]!["sendInvitation"]!.GetValue<string>();
        response.ShouldBe($$"""{"data":{"userMutations":{"sendInvitation":"{{link}}"} } }""");
        Assert.Equal(connections + 2, mailing.Smtp.Connections);
        Assert.Empty(mailing.Smtp.Messages);
        var page = await client.GetStringAsync(new Uri(link));
        Assert.Contains("<h1>Set your password</h1>", page, StringComparison.Ordinal);
    }
}

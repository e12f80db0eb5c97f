using System.Globalization;
using System.Text;
using Gatehouse.Tests.Infrastructure;
using MimeKit;
using static Gatehouse.Tests.Users.InvitationRequests;

namespace Gatehouse.Tests.Users;

/// <summary>Invitations mailed over real SMTP to a local listener that takes every message.</summary>
public sealed class InvitationMailTests(DeliveringMailApplication mailing) : IClassFixture<DeliveringMailApplication>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AddUserWithRole_NewUser_MailsTheReturnedLinkOnceToTheInvitee()
    {
        using var client = await mailing.App.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Mail Shop");
        var email = NewEmail();

        var response = await client.AddUserWithRoleAsync(email, $"advertiser-admin-{tenantId}");

        var link = InvitationLinkOf(response);
        var userId = response.Json["data"]!["userMutations"]!["addUserWithRole"]!["user"]!["id"]!.GetValue<string>();
        response.ShouldBe($$"""
            {"data":{"userMutations":{"addUserWithRole":{"userAlreadyExist":false,"invitationLink":"{{link}}",
              "user":{"id":"{{userId}}","email":"{{email}}","status":2,
                "roles":[{"name":"advertiser-admin-{{tenantId}}","displayName":"admin"}],
                "isSelf":false,"canBeDeleted":false,"defaultTenantId":"{{tenantId}}"} } } } }
            """);
        var mail = Assert.Single(await MailsToAsync(email, count: 1));
        Assert.Equal(MailingApplication.From, mail.From);
        Assert.Equal([email], mail.To);
        Assert.Contains(link, Parse(mail).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddUserWithRole_MailedLink_OpensThePasswordPage()
    {
        using var client = await mailing.App.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Link Shop");
        var email = NewEmail();
        await client.AddUserWithRoleAsync(email, $"advertiser-view-{tenantId}");
        var text = TextOf(Assert.Single(await MailsToAsync(email, count: 1)));
        var mailed = text.Split('\n')
            .Select(line => line.Trim())
            .Single(line => line.StartsWith("http://", StringComparison.Ordinal));

        var page = await client.GetStringAsync(new Uri(mailed));

        Assert.Contains("<h1>Set your password</h1>", page, StringComparison.Ordinal);
        Assert.Contains($"<strong>{email}</strong>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddUserWithRole_AccountRole_MailNamesAccountAndExpiryInTextAndHtml()
    {
        using var client = await mailing.App.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Bread & <Butter>");
        var email = NewEmail();
        var expires = (mailing.App.Clock.GetUtcNow() + TimeSpan.FromDays(7))
            .ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        var link = InvitationLinkOf(await client.AddUserWithRoleAsync(email, $"advertiser-manage-{tenantId}"));

        var mail = Parse(Assert.Single(await MailsToAsync(email, count: 1)));
        Assert.Equal("You are invited to Bread & <Butter>", mail.Subject);
        Assert.Equal($"""
            You are invited to the account "Bread & <Butter>" on this gateway.

            Open this link to choose your password and sign in. It works once.
            {link}

            The link expires on {expires}. If you did not expect this invitation, ignore this mail.
            """, mail.TextBody?.ReplaceLineEndings("\n"));
        Assert.Contains("the account &quot;Bread &amp; &lt;Butter&gt;&quot;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link.Replace("&", "&amp;", StringComparison.Ordinal)}\">", mail.HtmlBody,
            StringComparison.Ordinal);
        Assert.Contains($"expires on {expires}", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AddUserWithRole_HostRole_SubjectNamesTheGateway()
    {
        using var client = await mailing.App.CreateApiClientAsync();
        var email = NewEmail();

        var link = InvitationLinkOf(await client.AddUserWithRoleAsync(email, "agency-view"));

        var mail = Parse(Assert.Single(await MailsToAsync(email, count: 1)));
        Assert.Equal("You are invited to the gateway", mail.Subject);
        Assert.StartsWith($"You are invited to this gateway.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(link, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendInvitation_PendingUser_MailsTheNewLink()
    {
        using var client = await mailing.App.CreateApiClientAsync();
        var tenantId = await client.CreateManagedTenantAsync("Resend Shop");
        var email = NewEmail();
        var first = InvitationLinkOf(await client.AddUserWithRoleAsync(email, $"advertiser-admin-{tenantId}"));

        var response = await client.SendInvitationAsync(email, tenantId);

        var second = response.Json["data"]!["userMutations"]!["sendInvitation"]!.GetValue<string>();
        response.ShouldBe($$"""{"data":{"userMutations":{"sendInvitation":"{{second}}"} } }""");
        Assert.NotEqual(first, second);
        var mails = await MailsToAsync(email, count: 2);
        Assert.Equal(2, mails.Count);
        Assert.Contains(second, Parse(mails[1]).TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(first, Parse(mails[1]).TextBody, StringComparison.Ordinal);
    }

    private Task<IReadOnlyList<SmtpMessage>> MailsToAsync(string email, int count) =>
        mailing.Smtp.WaitForMessagesAsync(count, Patience, mail => mail.To.Contains(email));

    private static string TextOf(SmtpMessage mail) =>
        Parse(mail).TextBody ?? throw new InvalidOperationException("The mail has no plain-text part.");

    private static MimeMessage Parse(SmtpMessage mail)
    {
        using var data = new MemoryStream(Encoding.Latin1.GetBytes(mail.Data));
        return MimeMessage.Load(data);
    }
}

using Gatehouse.Tests.Infrastructure;
using Gatehouse.Tests.Tenants;
using Gatehouse.Users;
using Microsoft.EntityFrameworkCore;
using static Gatehouse.Tests.Users.InvitationLinks;
using static Gatehouse.Tests.Users.UserManagementSamples;

namespace Gatehouse.Tests.Users;

/// <summary>
/// Each operation of the User Management reference, sent exactly as documented with an API token, against
/// the account the samples name (wW58k7FQ), which every test seeds afresh.
/// </summary>
public sealed class UserSampleTests(GatehouseApplication app) : IClassFixture<GatehouseApplication>
{
    private const string SampleEmail = "tempuser1@testaccount.com";

    private const string SampleUserId = "97a9753d-a469-4f23-8aa7-748e4cf86877";

    [Fact]
    public async Task AddUserWithRole_SampleVariables_AddsPendingUserWithWorkingInvitation()
    {
        await SeedSampleAccountAsync();
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(AddUserWithRole, AddUserWithRoleVariables);

        var added = response.Json["data"]?["userMutations"]?["addUserWithRole"];
        var link = added?["invitationLink"]?.GetValue<string>();
        var id = added?["user"]?["id"]?.GetValue<string>();
        response.ShouldBe($$"""
            {"data":{"userMutations":{"addUserWithRole":{"userAlreadyExist":false,"invitationLink":"{{link}}",
              "user":{"id":"{{id}}","email":"tempuser1@testaccount.com","status":2,
                "roles":[{"name":"advertiser-manage-wW58k7FQ","displayName":"manage"}],
                "isSelf":false,"canBeDeleted":false,"defaultTenantId":"wW58k7FQ"} } } } }
            """);
        Assert.Equal(await StoredIdOfAsync(SampleEmail), Guid.Parse(id!));
        var path = link.ShouldBeInvitationFor("tempUser1@testaccount.com");
        using var browser = app.CreateBrowserClient();
        Assert.Contains(SetPasswordHeading, await browser.GetStringAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRoleForUser_SampleVariables_MovesAccountAdminToHostAdmin()
    {
        await SeedSampleAccountAsync();
        var otherAdmin = AccountSeeding.NewEmail();
        await app.AddUserAsync(otherAdmin, "wW58k7FQ", ("wW58k7FQ", RoleAction.Admin));
        await app.AddUserAsync(
            Guid.Parse(SampleUserId), "tempadmin@testaccount.com", "wW58k7FQ", ("wW58k7FQ", RoleAction.Admin));
        using var client = await app.CreateApiClientAsync();

        var response = await client.PostGraphQLAsync(ChangeRoleForUser, ChangeRoleForUserVariables);

        response.ShouldBe("""
            {"data":{"userMutations":{"changeRoleForUser":{"user":{
              "id":"97a9753d-a469-4f23-8aa7-748e4cf86877","email":"tempadmin@testaccount.com","status":1,
              "roles":[{"name":"agency-admin","displayName":"admin"}],
              "isSelf":false,"canBeDeleted":false,"defaultTenantId":null} } } } }
            """);
        var members = await client.PostGraphQLAsync("""{ tenant(tenantId: "wW58k7FQ") { users { email } } }""");
        members.ShouldBe($$"""{"data":{"tenant":{"users":[{"email":"{{otherAdmin}}"}]} } }""");
    }

    [Fact]
    public async Task SendInvitation_SampleVariables_ReturnsNewLinkAndRetiresEarlierOne()
    {
        await SeedSampleAccountAsync();
        using var client = await app.CreateApiClientAsync();
        var added = await client.PostGraphQLAsync(AddUserWithRole, AddUserWithRoleVariables);
        var firstPath = added.Json["data"]!["userMutations"]!["addUserWithRole"]!["invitationLink"]!
            .GetValue<string>().ShouldBeInvitationFor("tempUser1@testaccount.com");

        var response = await client.PostGraphQLAsync(SendInvitation, SendInvitationVariables);

        var link = response.Json["data"]?["userMutations"]?["sendInvitation"]?.GetValue<string>();
        response.ShouldBe($$"""{"data":{"userMutations":{"sendInvitation":"{{link}}"} } }""");
        var path = link.ShouldBeInvitationFor(SampleEmail);
        Assert.NotEqual(firstPath, path);
        using var browser = app.CreateBrowserClient();
        Assert.Contains(BrokenLinkHeading, await browser.GetStringAsync(firstPath), StringComparison.Ordinal);
        Assert.Contains(SetPasswordHeading, await browser.GetStringAsync(path), StringComparison.Ordinal);
    }

    /// <summary>The samples' account, managed by the partner, with no sample user left from an earlier test.</summary>
    private async Task SeedSampleAccountAsync()
    {
        await app.AddTenantAsync("wW58k7FQ", "Test Account");
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == SampleEmail).ExecuteDeleteAsync());
    }

    private async Task<Guid?> StoredIdOfAsync(string email)
    {
        Guid? id = null;
        await app.WithDbAsync(async db =>
            id = await db.Users.Where(u => u.Email == email).Select(u => (Guid?)u.Id).SingleOrDefaultAsync());
        return id;
    }
}

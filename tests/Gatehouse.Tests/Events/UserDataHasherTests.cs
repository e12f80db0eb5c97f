using System.Text.Json.Nodes;
using Gatehouse.Events;

namespace Gatehouse.Tests.Events;

/// <summary>Normalisation before hashing follows Meta's rules, so hashes match what Meta computes.</summary>
public sealed class UserDataHasherTests
{
    [Theory]
    [InlineData("em", "  John.Smith@Example.COM ", "john.smith@example.com")]
    [InlineData("ph", "+1 (650) 555-1212", "16505551212")]
    [InlineData("ph", "0044 20 7946 0000", "442079460000")]
    [InlineData("fn", " Mary-Ann ", "maryann")]
    [InlineData("ln", "O'Brien", "obrien")]
    [InlineData("ge", "Female", "f")]
    [InlineData("db", "1997-02-14", "19970214")]
    [InlineData("ct", "San Francisco", "sanfrancisco")]
    [InlineData("st", "C.A.", "ca")]
    [InlineData("zp", "94025-1234", "94025")]
    [InlineData("zp", "SW1A 1AA", "sw1a1aa")]
    [InlineData("country", "US", "us")]
    [InlineData("external_id", " crm-42 ", "crm-42")]
    public void Normalise_ClearTextValue_FollowsMetasRules(string field, string value, string expected)
    {
        Assert.Equal(expected, UserDataHasher.Normalise(field, value));
    }

    [Fact]
    public void AddTo_MixedUserData_HashesContactFieldsKeepsTechnicalOnesAndLeavesOutTheRest()
    {
        var hashed = IntakeSetup.Sha256("a@b.com");
        var source = JsonNode.Parse($$"""
            {"em":["A@B.com","{{hashed.ToUpperInvariant()}}"],"ge":"x","client_ip_address":"203.0.113.9",
             "fbp":"fb.1.2.3","nickname":"Bobby"}
            """)!.AsObject();
        var target = new JsonObject();

        var invalid = UserDataHasher.AddTo(target, source);

        Assert.Null(invalid);
        JsonAssertEqual($$"""
            {"em":["{{hashed}}","{{hashed}}"],"client_ip_address":"203.0.113.9","fbp":"fb.1.2.3"}
            """, target);
    }

    [Fact]
    public void AddTo_ContactFieldThatIsNotText_NamesTheField()
    {
        var source = JsonNode.Parse("""{"ph":{"number":1}}""")!.AsObject();

        Assert.Equal("ph", UserDataHasher.AddTo([], source));
    }

    private static void JsonAssertEqual(string expected, JsonObject actual) =>
        Infrastructure.JsonAssert.Equal(expected, actual.ToJsonString());
}

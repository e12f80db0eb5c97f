using Gatehouse.Events;

namespace Gatehouse.Tests.Events;

/// <summary>Which Conversions API answers are worth retrying and which are refusals for good.</summary>
public sealed class ConversionsApiClientTests
{
    [Theory]
    [InlineData(500, null, false, PublishOutcome.Transient)]
    [InlineData(503, null, false, PublishOutcome.Transient)]
    [InlineData(429, null, false, PublishOutcome.Transient)]
    [InlineData(408, null, false, PublishOutcome.Transient)]
    [InlineData(400, 1, false, PublishOutcome.Transient)]
    [InlineData(400, 2, false, PublishOutcome.Transient)]
    [InlineData(400, 4, false, PublishOutcome.Transient)]
    [InlineData(400, 17, false, PublishOutcome.Transient)]
    [InlineData(400, 32, false, PublishOutcome.Transient)]
    [InlineData(400, 341, false, PublishOutcome.Transient)]
    [InlineData(400, 613, false, PublishOutcome.Transient)]
    [InlineData(400, 80004, false, PublishOutcome.Transient)]
    [InlineData(400, 12345, true, PublishOutcome.Transient)]
    [InlineData(400, 190, false, PublishOutcome.Permanent)]
    [InlineData(400, 100, false, PublishOutcome.Permanent)]
    [InlineData(403, 10, false, PublishOutcome.Permanent)]
    [InlineData(403, 200, false, PublishOutcome.Permanent)]
    [InlineData(404, null, false, PublishOutcome.Permanent)]
    [InlineData(200, null, false, PublishOutcome.Published)]
    public void Classify_StatusAndGraphCode_SortsIntoOutcome(
        int status,
        int? code,
        bool isTransient,
        PublishOutcome expected)
    {
        var error = code is { } value ? new GraphApiError(value, null, "OAuthException", isTransient, "trace") : null;

        var result = ConversionsApiClient.Classify(status, error);

        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public void ReadError_GraphApiErrorBody_KeepsCodesAndLeavesMessageOut()
    {
        const string Body = """
            {"error":{"message":"Malformed access token EAAGsecret","type":"OAuthException","code":190,
              "error_subcode":463,"is_transient":false,"fbtrace_id":"AbCdEf"}}
            """;

        var error = ConversionsApiClient.ReadError(Body);
        var result = ConversionsApiClient.Classify(400, error);

        Assert.Equal(new GraphApiError(190, 463, "OAuthException", false, "AbCdEf"), error);
        Assert.Equal("190.463", error!.ApiErrorCode);
        Assert.Equal("HTTP 400, Graph API error 190.463 (OAuthException, trace AbCdEf)", result.Reason);
        Assert.DoesNotContain("EAAG", result.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"error":{"code":100,"type":"GraphMethodException"}}""", "100.0")]
    [InlineData("""{"error":{"code":2,"error_subcode":1504044,"is_transient":true}}""", "2.1504044")]
    public void ReadError_WithOrWithoutSubcode_FormatsApiErrorCode(string body, string expected)
    {
        var error = ConversionsApiClient.ReadError(body);

        Assert.Equal(expected, error?.ApiErrorCode);
    }

    [Theory]
    [InlineData("<html>Bad Gateway</html>")]
    [InlineData("""{"events_received":3}""")]
    [InlineData("""{"error":"no object"}""")]
    [InlineData("{not json")]
    public void ReadError_BodyWithoutErrorObject_ReturnsNull(string body)
    {
        Assert.Null(ConversionsApiClient.ReadError(body));
    }
}

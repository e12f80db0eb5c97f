namespace Gatehouse.Tests.Infrastructure;

public static class GraphQLErrors
{
    /// <summary>The one error of a response: its message, code and status.</summary>
    public static (string Message, string Code, int Status) ErrorOf(GraphQLResponse response)
    {
        var error = Assert.Single(response.Json["errors"]!.AsArray())!;
        return (error["message"]!.GetValue<string>(), error["extensions"]!["code"]!.GetValue<string>(),
            error["extensions"]!["status"]!.GetValue<int>());
    }
}

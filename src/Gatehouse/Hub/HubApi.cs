using System.Text.Json;
using Gatehouse.GraphQL;
using GraphQL;

namespace Gatehouse.Hub;

/// <summary>
/// Runs hub GraphQL operations in process for the hub's pages, as the signed-in user. The pages use the same
/// documented operations an API client sends (Meta's own UI does the same), so every permission check,
/// validation and audit line of the UI is the API's.
/// </summary>
public sealed class HubApi(
    IDocumentExecuter<HubSchema> executer,
    IGraphQLTextSerializer serializer,
    IHttpContextAccessor http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<HubApiResult<T>> RunAsync<T>(string document, object? variables = null)
        where T : class
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("The hub API runs within a request.");
        var inputs = variables is null
            ? null
            : serializer.Deserialize<Inputs>(JsonSerializer.Serialize(variables, Json));
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = document,
            Variables = inputs,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = context.RequestAborted,
        });

        // The result goes through the API's own JSON, so pages see exactly what a client would.
        using var response = JsonDocument.Parse(serializer.Serialize(result));
        var errors = response.RootElement.TryGetProperty("errors", out var list)
            ? list.EnumerateArray().Select(e => new HubApiError(
                e.GetProperty("message").GetString() ?? "",
                e.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("status", out var status)
                    ? status.GetInt32()
                    : 500)).ToList()
            : [];
        var data = response.RootElement.TryGetProperty("data", out var node) && node.ValueKind == JsonValueKind.Object
            ? node.Deserialize<T>(Json)
            : null;
        return new HubApiResult<T>(data, errors);
    }
}

/// <summary>What an operation returned: its data, and its errors with the documented status codes.</summary>
public sealed record HubApiResult<T>(T? Data, IReadOnlyList<HubApiError> Errors)
{
    public bool Succeeded => Errors.Count == 0 && Data is not null;

    public string ErrorMessage => string.Join(" ", Errors.Select(e => e.Message));
}

public sealed record HubApiError(string Message, int Status);

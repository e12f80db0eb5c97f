using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Gatehouse.ApiAccounts;
using Gatehouse.Data;
using Gatehouse.Hosting;
using Gatehouse.Hub;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gatehouse.GraphQL;

/// <summary>
/// Serves one schema over HTTP following the GraphQL-over-HTTP specification
/// (https://graphql.github.io/graphql-over-http/draft/): POST only, a JSON body, and either
/// <c>application/graphql-response+json</c> or <c>application/json</c> in return.
/// </summary>
public sealed partial class GraphQLHttpHandler<TSchema>(
    IDocumentExecuter<TSchema> executer,
    IGraphQLTextSerializer serializer,
    DocumentCache<TSchema> cache,
    IOptions<GraphQLOptions> options,
    IAntiforgery antiforgery,
    GatehouseMetrics metrics,
    ILogger<GraphQLHttpHandler<TSchema>> logger)
    where TSchema : ISchema
{
    private const string GraphQLResponseType = "application/graphql-response+json";
    private const string JsonType = "application/json";

    // Depth and complexity are measured on the operation that runs, with @skip and @include resolved from the
    // variables, so this rule runs again on every request, cached document or not.
    private readonly ComplexityValidationRule _complexityRule = new(ComplexityLimits(options.Value));

    private readonly MaxAliasesRule _aliasesRule = new(options.Value.MaxAliases);

    // The metrics tag: "hub" for HubSchema. A type name keeps the tag to one value per schema.
    private static readonly string SchemaTag =
        typeof(TSchema).Name.Replace("Schema", "", StringComparison.Ordinal).ToLowerInvariant();

    public async Task HandleAsync(HttpContext context)
    {
        var responseType = NegotiateResponseType(context.Request);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            await WriteErrorAsync(context, responseType ?? JsonType, 405, ErrorCodes.MethodNotAllowed,
                "GraphQL requests are sent with POST.");
            return;
        }

        // One connection serves the token lookup and every query of the request, instead of one per query.
        // Limitation: those queries (token, then one per level of the document) are most of a request's cost,
        // so reads run at a few percent of the rate of an endpoint that touches no database.
        var database = context.RequestServices.GetRequiredService<GatehouseDbContext>().Database;
        await database.OpenConnectionAsync(context.RequestAborted);
        try
        {
            await AuthenticateAndExecuteAsync(context, responseType);
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private async Task AuthenticateAndExecuteAsync(HttpContext context, string? responseType)
    {
        var authentication = await context.AuthenticateAsync(ApiTokenAuthenticationHandler.SchemeName);
        if (authentication.None)
        {
            // No bearer token: a signed-in hub session may call too, but only with the antiforgery token in a
            // header, which a page on another site can neither read nor send (a CSRF defence on top of the
            // JSON content type that already forces a CORS preflight).
            var session = await context.AuthenticateAsync(HubSession.SchemeName);
            if (session.Succeeded && !await antiforgery.IsRequestValidAsync(context))
            {
                await WriteErrorAsync(context, responseType ?? JsonType, 403, ErrorCodes.Forbidden,
                    "A hub session must send its antiforgery token in the "
                    + $"{HubServiceCollectionExtensions.CsrfHeaderName} "
                    + "header. API clients use 'Authorization: Bearer TOKEN' instead.");
                return;
            }

            authentication = session.Succeeded ? session : authentication;
        }

        if (!authentication.Succeeded)
        {
            await WriteUnauthorizedAsync(context, responseType ?? JsonType, authentication.Failure is not null);
            return;
        }

        context.User = authentication.Principal;
        var request = await ReadRequestAsync(context, responseType);
        if (request is null)
        {
            return;
        }

        var result = await ExecuteAsync(context, request);
        context.Response.StatusCode = result.Executed || responseType == JsonType ? 200 : StatusOf(result);
        context.Response.ContentType = responseType + "; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    private async Task<ExecutionResult> ExecuteAsync(HttpContext context, GraphQLRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        var execution = new ExecutionOptions
        {
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = context.RequestAborted,
            // Limitation: a mutation that saved its changes can still answer TIMEOUT if time runs out while the
            // rest of its selection resolves, and the client then does not learn the new id.
            Timeout = options.Value.ExecutionTimeout,
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
        };

        // A cached document passed every rule once; only the rule that depends on the operation and the
        // variables has to run again.
        var cached = cache.Find(request.Query!);
        execution.Document = cached;
        execution.ValidationRules = cached is null
            ? [.. StringVariableForIdRule.CoreRules, _complexityRule, _aliasesRule]
            : [_complexityRule];

        var result = await executer.ExecuteAsync(execution);
        // The executer parses into the result, not into the options it was given.
        if (cached is null && result.Executed && result.Document is not null)
        {
            cache.Add(request.Query!, result.Document);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Log.Executed(logger, request.OperationName, elapsed.TotalMilliseconds, result.Errors?.Count ?? 0);
        metrics.GraphQLExecuted(SchemaTag, result.Errors?.Count > 0, elapsed);
        return result;
    }

    private static ComplexityOptions ComplexityLimits(GraphQLOptions limits)
    {
        var complexity = new ComplexityOptions
        {
            MaxDepth = limits.MaxDepth,
            MaxComplexity = limits.MaxComplexity,
            DefaultListImpactMultiplier = limits.ListMultiplier,
        };

        // Introspection reads the schema in memory and grows with it, so only its depth is bounded. Were it
        // counted, every new type would push the standard introspection query of tools closer to the limit.
        var counted = complexity.DefaultComplexityImpactDelegate;
        complexity.DefaultComplexityImpactDelegate = context =>
            context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal)
                ? new FieldComplexityResult(0, 0)
                : counted(context);
        return complexity;
    }

    /// <summary>Reads and checks the request; on a problem, writes the error response and returns null.</summary>
    private async Task<GraphQLRequest?> ReadRequestAsync(HttpContext context, string? responseType)
    {
        if (responseType is null)
        {
            await WriteErrorAsync(context, JsonType, 406, ErrorCodes.NotAcceptable,
                $"The Accept header must allow {GraphQLResponseType} or {JsonType}.");
            return null;
        }

        if (!IsJson(context.Request.ContentType))
        {
            // A form or text/plain body could come from any web page without a CORS preflight.
            await WriteErrorAsync(context, responseType, 415, ErrorCodes.UnsupportedMediaType,
                $"The request body must be sent as {JsonType}.");
            return null;
        }

        var maxBytes = options.Value.MaxRequestBytes;
        var body = await ReadBodyAsync(context.Request, maxBytes, context.RequestAborted);
        if (body is null)
        {
            await WriteErrorAsync(context, responseType, 413, ErrorCodes.PayloadTooLarge,
                $"The request body is larger than {maxBytes} bytes.");
            return null;
        }

        var problem = ParseRequest(body.Value, out var request);
        if (problem is not null)
        {
            await WriteErrorAsync(context, responseType, 400, ErrorCodes.BadRequest, problem);
            return null;
        }

        return request;
    }

    private string? ParseRequest(ReadOnlyMemory<byte> body, out GraphQLRequest? request)
    {
        request = null;
        var span = body.Span.TrimStart(" \t\r\n"u8);
        if (span.IsEmpty || span[0] != (byte)'{')
        {
            return "The request body must be one JSON object: {\"query\": \"...\", \"variables\": {...}}. "
                + "Batches (JSON arrays) are not supported.";
        }

        try
        {
            request = serializer.Deserialize<GraphQLRequest>(System.Text.Encoding.UTF8.GetString(body.Span));
        }
        catch (JsonException ex)
        {
            return $"The request body is not valid JSON or has a field of the wrong type: {ex.Message}";
        }

        return string.IsNullOrWhiteSpace(request?.Query) ? "The request has no query: set the \"query\" field." : null;
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(
        HttpRequest request,
        int maxBytes,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(checked((int)(request.ContentLength ?? 4096)) + 1);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(4096), cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return null;
            }
        }
    }

    /// <summary>The HTTP status of a request that did not execute: the status its first error carries.</summary>
    private static int StatusOf(ExecutionResult result) =>
        result.Errors?.Select(GatehouseErrorInfoProvider.StatusOf).FirstOrDefault() ?? 400;

    private static string? NegotiateResponseType(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0)
        {
            return JsonType;
        }

        foreach (var type in accepted.Where(t => t.Quality is not 0).OrderByDescending(t => t.Quality ?? 1))
        {
            if (type.MediaType.Equals(GraphQLResponseType, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseType;
            }

            if (type.MediaType.Equals(JsonType, StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase))
            {
                return JsonType;
            }
        }

        return null;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals(JsonType, StringComparison.OrdinalIgnoreCase)
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private Task WriteUnauthorizedAsync(HttpContext context, string responseType, bool tokenRejected)
    {
        context.Response.Headers.WWWAuthenticate = tokenRejected
            ? "Bearer error=\"invalid_token\", error_description=\"The token is unknown, expired or revoked.\""
            : "Bearer";
        var message = tokenRejected
            ? "The access token is unknown, expired or revoked. Get a new one from /clients/token."
            : "Send an access token from /clients/token in the header 'Authorization: Bearer TOKEN'.";
        return WriteErrorAsync(context, responseType, 401, ErrorCodes.Unauthorized, message);
    }

    private Task WriteErrorAsync(HttpContext context, string responseType, int status, string code, string message)
    {
        metrics.GraphQLRefused(SchemaTag);
        var result = new ExecutionResult { Errors = [new TransportError(message, code, status)] };
        context.Response.StatusCode = status;
        context.Response.ContentType = responseType + "; charset=utf-8";
        return serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }

    private sealed class TransportError(string message, string code, int status)
        : GatehouseError(message, code, status);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug,
            "GraphQL operation {OperationName} took {ElapsedMs:0.0} ms with {ErrorCount} error(s)",
            EventName = "GraphQLExecuted")]
        public static partial void Executed(ILogger logger, string? operationName, double elapsedMs, int errorCount);
    }
}

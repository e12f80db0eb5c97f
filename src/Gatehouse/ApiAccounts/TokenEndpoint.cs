using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Gatehouse.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gatehouse.ApiAccounts;

/// <summary>
/// <c>POST /clients/token</c>: the OAuth 2.0 client-credentials grant (RFC 6749 section 4.4) that Meta's
/// gateway documents, answering with both the documented <c>token</c> key and the standard
/// <c>access_token</c> key. Errors follow RFC 6749 section 5.2.
/// </summary>
public static partial class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        // Routing ignores a trailing slash, so this also serves /clients/token/.
        app.MapPost("/clients/token", IssueAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<TokenError>>> IssueAsync(
        HttpContext context,
        ApiAccountService accounts,
        TokenFailureThrottle throttle,
        GatehouseMetrics metrics,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(TokenEndpoint).FullName!);
        var address = context.Connection.RemoteIpAddress;
        if (throttle.TryBegin(address) is { } wait)
        {
            Log.Throttled(logger, address?.ToString());
            metrics.TokenRequested("throttled");
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Error(StatusCodes.Status429TooManyRequests, "slow_down",
                $"Too many failed token requests from this address. Try again in {seconds} seconds.");
        }

        var request = await TokenRequest.ReadAsync(context);
        if (request.Problem is { } problem)
        {
            Log.Refused(logger, LoggableClientId(request.ClientId), address?.ToString(), problem.Error);
            metrics.TokenRequested(problem.Error);
            return Error(StatusCodes.Status400BadRequest, problem.Error, problem.Description);
        }

        var issued = await accounts.IssueTokenAsync(request.ClientId!, request.ClientSecret!, context.RequestAborted);
        if (issued is null)
        {
            Log.Refused(logger, LoggableClientId(request.ClientId), address?.ToString(), "invalid_client");
            metrics.TokenRequested("invalid_client");
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"gatehouse\"";
            return Error(StatusCodes.Status401Unauthorized, "invalid_client",
                "Unknown client_id or wrong client_secret.");
        }

        throttle.Succeeded(address);
        metrics.TokenRequested("issued");
        SetNoStore(context);
        var expiresIn = (long)issued.Lifetime.TotalSeconds;
        return TypedResults.Ok(new TokenResponse(issued.Token, issued.Token, "Bearer", expiresIn));
    }

    // A client that swaps the two fields would put its secret in the log. No secret passes the name rule (it
    // is longer than 20 characters), so only ids that could be names are written.
    private static string LoggableClientId(string? clientId) =>
        clientId is not null && ApiAccountNames.IsValid(clientId) ? clientId : "(not a valid API account name)";

    private static JsonHttpResult<TokenError> Error(int status, string error, string description) =>
        TypedResults.Json(new TokenError(error, description), statusCode: status);

    private static void SetNoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);

    private sealed record TokenError(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string Description);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Token request for client {ClientId} from {RemoteAddress} refused: {Reason}", EventName = "TokenRefused")]
        public static partial void Refused(ILogger logger, string? clientId, string? remoteAddress, string reason);

        [LoggerMessage(2, LogLevel.Warning, "Token requests from {RemoteAddress} throttled after repeated failures",
            EventName = "TokenThrottled")]
        public static partial void Throttled(ILogger logger, string? remoteAddress);
    }
}

/// <summary>The fields of a token request, read from the form body or, for the client, HTTP Basic.</summary>
public sealed record TokenRequest(string? ClientId, string? ClientSecret, TokenRequestProblem? Problem)
{
    public static async Task<TokenRequest> ReadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return Invalid("invalid_request",
                "Send the token request as application/x-www-form-urlencoded or multipart/form-data.");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException ex)
        {
            return Invalid("invalid_request", $"The form body cannot be read: {ex.Message}");
        }

        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            return Invalid("invalid_request", "grant_type is required and must be client_credentials.");
        }

        if (grantType != "client_credentials")
        {
            return Invalid("unsupported_grant_type",
                $"grant_type '{grantType}' is not supported; use client_credentials.");
        }

        var (clientId, clientSecret) = ReadBasic(context.Request)
            ?? (form["client_id"].ToString(), form["client_secret"].ToString());
        if (clientId.Length == 0 || clientSecret.Length == 0)
        {
            return Invalid("invalid_request", "client_id and client_secret are required.");
        }

        return new TokenRequest(clientId, clientSecret, null);
    }

    private static (string, string)? ReadBasic(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[512];
        if (!Convert.TryFromBase64String(header.Parameter, buffer, out var written))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(buffer[..written]);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
    }

    private static TokenRequest Invalid(string error, string description) =>
        new(null, null, new TokenRequestProblem(error, description));
}

public sealed record TokenRequestProblem(string Error, string Description);

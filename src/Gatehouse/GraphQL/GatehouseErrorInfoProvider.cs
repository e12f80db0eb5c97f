using System.Diagnostics;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Execution;

namespace Gatehouse.GraphQL;

/// <summary>
/// Shapes every error the same way: <c>extensions.code</c> (a stable string) and <c>extensions.status</c>
/// (the matching HTTP status), plus <c>extensions.traceId</c> on internal errors. Exception details never
/// leave the server.
/// </summary>
public sealed partial class GatehouseErrorInfoProvider : IErrorInfoProvider
{
    /// <summary>Where the unhandled-exception handler leaves the trace id it logged the exception under.</summary>
    public const string TraceIdKey = "Gatehouse.TraceId";

    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var (code, status) = Classify(executionError);
        var extensions = new Dictionary<string, object?> { ["code"] = code, ["status"] = status };
        var message = executionError.Message;

        if (status >= 500 && code == ErrorCodes.InternalServerError)
        {
            var traceId = executionError.InnerException?.Data[TraceIdKey] as string
                ?? Activity.Current?.TraceId.ToString();
            extensions["traceId"] = traceId;
            message = $"Internal server error. Quote trace id {traceId} when reporting it.";
        }

        return new ErrorInfo { Message = WithoutSuggestions(message), Extensions = extensions };
    }

    /// <summary>The HTTP-style status an error carries in <c>extensions.status</c>.</summary>
    public static int StatusOf(ExecutionError error) => Classify(error).Status;

    private static (string Code, int Status) Classify(ExecutionError error) => error switch
    {
        GatehouseError known => (known.Code!, known.Status),
        TimeoutError => (ErrorCodes.Timeout, 504),
        UnhandledError => (ErrorCodes.InternalServerError, 500),
        _ => (ErrorCodes.BadRequest, 400),
    };

    // Messages such as "Cannot query field 'x'. Did you mean 'y'?" hint at names a caller did not ask about,
    // which lets a prober map the schema by trial and error; the message keeps only the rule that failed.
    private static string WithoutSuggestions(string message) => SuggestionPattern().Replace(message, "");

    [GeneratedRegex(@"\s*Did you mean [^?]*\?")]
    private static partial Regex SuggestionPattern();
}

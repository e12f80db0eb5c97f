using GraphQL;

namespace Gatehouse.GraphQL;

/// <summary>
/// An expected failure that a client can act on. Each subclass sets its code and HTTP-style status in its
/// constructor, so renaming a class never changes what clients see in <c>errors[].extensions</c>.
/// </summary>
public abstract class GatehouseError : ExecutionError
{
    protected GatehouseError(string message, string code, int status)
        : base(message)
    {
        Code = code;
        Status = status;
    }

    public int Status { get; }
}

/// <summary>The documented 400: the input breaks a rule that the message names.</summary>
public sealed class BadRequestError(string message) : GatehouseError(message, ErrorCodes.BadRequest, 400);

/// <summary>
/// The documented 401: the caller may not do this. It is also the answer for an account that does not
/// exist, so that the answer never tells whether an account the caller may not see exists.
/// </summary>
public sealed class UnauthorizedError(string message) : GatehouseError(message, ErrorCodes.Unauthorized, 401);

/// <summary>The documented 404: the role or user named does not exist, or the caller may not see it.</summary>
public sealed class NotFoundError(string message) : GatehouseError(message, ErrorCodes.NotFound, 404);

/// <summary>The documented 409: the change would duplicate something that exists, such as a user's role.</summary>
public sealed class ConflictError(string message) : GatehouseError(message, ErrorCodes.Conflict, 409);

public static class ErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
    public const string Timeout = "TIMEOUT";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
}

using Gatehouse.Access;
using GraphQL;

namespace Gatehouse.GraphQL;

public static class ResolveFieldContextExtensions
{
    /// <summary>The authenticated caller; the transport lets no anonymous request reach a resolver.</summary>
    public static Caller GetCaller(this IResolveFieldContext context) =>
        Caller.From(context.User) ?? throw new UnauthorizedError("The request is not authenticated.");

    /// <summary>The HTTP request being served, or null when the operation runs outside one.</summary>
    public static HttpRequest? GetHttpRequest(this IResolveFieldContext context) =>
        context.RequestServices?.GetService<IHttpContextAccessor>()?.HttpContext?.Request;

    public static T GetService<T>(this IResolveFieldContext context)
        where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();
}

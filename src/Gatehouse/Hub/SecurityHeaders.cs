namespace Gatehouse.Hub;

/// <summary>
/// Headers that keep the hub's pages from being framed, sniffed, cached or made to run foreign scripts. The
/// policy allows scripts and styles from this origin only: pages carry no inline script or style.
/// </summary>
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";

        // Invitation links carry their token in the query string; no other site may see it in a Referer.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";

        // The hub and its API show secrets once (a new API account's secret, invitation links) and
        // answer each caller with what only they may see, so no browser or proxy may keep a copy.
        var path = context.Request.Path;
        if (path.StartsWithSegments("/hub") || path.StartsWithSegments("/auth"))
        {
            headers.CacheControl = "no-store";
        }

        return next(context);
    });
}

using System.Text.RegularExpressions;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Users;

/// <summary>Follows invitation links the way the invited person's browser does.</summary>
public static partial class InvitationLinks
{
    public const string BrokenLinkHeading = "<h1>This link does not work</h1>";

    public const string SetPasswordHeading = "<h1>Set your password</h1>";

    public const string InactiveHeading = "<h1>This account cannot sign in</h1>";

    /// <summary>Asserts the documented shape of a link for <paramref name="email"/> and returns its path.</summary>
    public static string ShouldBeInvitationFor(this string? link, string email)
    {
        Assert.NotNull(link);
        Assert.Matches(LinkShape(), link);
        Assert.EndsWith("&et=inv&email=" + email, link, StringComparison.Ordinal);
        return new Uri(link).PathAndQuery;
    }

    /// <summary>Sets <paramref name="password"/> through the link's form; the response is the form's answer.</summary>
    public static Task<HttpResponseMessage> AcceptAsync(
        this HttpClient browser,
        string path,
        string password,
        string? formToken = null) =>
        browser.PostFormAsync(path, new() { ["Password"] = password, ["Confirm"] = password }, formToken);

    [GeneratedRegex("^http://localhost/auth/verify/\\?token=[A-Za-z0-9_-]{22}&et=inv&email=[^&]+$")]
    private static partial Regex LinkShape();
}

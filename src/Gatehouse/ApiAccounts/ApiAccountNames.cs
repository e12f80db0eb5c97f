using System.Text.RegularExpressions;

namespace Gatehouse.ApiAccounts;

public static partial class ApiAccountNames
{
    public const string Rule = "1 to 20 letters or digits, no spaces";

    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9]{1,20}$")]
    private static partial Regex NamePattern();
}

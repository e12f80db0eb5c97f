using Gatehouse.GraphQL;

namespace Gatehouse.Events;

/// <summary>The messages of event and domain filter errors, each naming the field and the rule it broke.</summary>
public static class FilterErrors
{
    public static BadRequestError MixedNotSettable() => new(
        "input.filterState must be PUBLISH or DROP; MIXED only describes an account whose pixels differ.");

    public static BadRequestError DomainInvalid() => new(
        "input.domain must be a bare host name such as example.com: no scheme, path, port or spaces, "
        + $"at most {DomainFilter.MaxDomainLength} characters.");

    public static ConflictError ChangedConcurrently() => new(
        "The filter was changed by another request at the same time; try again.");
}

using GraphQL.Types;

namespace Gatehouse.Events;

public sealed record UpdateEventFilterInput(string EventName, string[]? PixelIds, ApiFilterState FilterState);

public sealed record UpdateDomainFilterInput(string Domain, string[]? PixelIds, ApiFilterState FilterState);

public sealed class UpdateEventFilterInputType : InputObjectGraphType<UpdateEventFilterInput>
{
    public UpdateEventFilterInputType()
    {
        Name = "UpdateEventFilterInput";
        Description = "An event name to publish or drop, for some of the account's pixels or for all of them.";
        Field<NonNullGraphType<StringGraphType>>("eventName")
            .Description("The event name, such as Purchase; matched exactly, in letter case too.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("pixelIds")
            .Description("The pixels to filter; null for every pixel of the account, replacing their own filters.");
        Field<NonNullGraphType<EventFilterStateType>>("filterState")
            .Description("PUBLISH or DROP; MIXED is read-only.");
    }
}

public sealed class UpdateDomainFilterInputType : InputObjectGraphType<UpdateDomainFilterInput>
{
    public UpdateDomainFilterInputType()
    {
        Name = "UpdateDomainFilterInput";
        Description = "A website to publish or drop the events of, for some of the account's pixels or all of them.";
        Field<NonNullGraphType<StringGraphType>>("domain")
            .Description("A bare host such as example.com; it covers its subdomains too.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("pixelIds")
            .Description("The pixels to filter; null for every pixel of the account, replacing their own filters.");
        Field<NonNullGraphType<DomainFilterStateType>>("filterState")
            .Description("PUBLISH to unblock, DROP to block; MIXED is read-only.");
    }
}

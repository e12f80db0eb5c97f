using GraphQL.Types;

namespace Gatehouse.Events;

/// <summary>
/// An event or domain filter as the API shows it: for one pixel, or for the account as a whole
/// (<see cref="PixelId"/> null), where the state is <see cref="ApiFilterState.Mixed"/> when pixels differ.
/// </summary>
public sealed record FilterView(string Id, string Subject, string? PixelId, ApiFilterState State);

public sealed class EventFilterType : ObjectGraphType<FilterView>
{
    public EventFilterType()
    {
        Name = "EventFilter";
        Description = "Whether the events of one name are published, for one pixel or for the whole account.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique identifier: EventFilter:<event name>:<pixel id, or global for the account>.")
            .Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("eventName")
            .Description("The event name.")
            .Resolve(context => context.Source.Subject);
        Field<StringGraphType>("pixelId")
            .Description("The pixel the filter applies to; null for the account as a whole.")
            .Resolve(context => context.Source.PixelId);
        Field<NonNullGraphType<EventFilterStateType>>("filterState")
            .Description("PUBLISH, DROP, or MIXED for an account whose pixels differ.")
            .Resolve(context => context.Source.State);
    }
}

public sealed class DomainFilterType : ObjectGraphType<FilterView>
{
    public DomainFilterType()
    {
        Name = "DomainFilter";
        Description = "Whether the events sent from one website are published, for one pixel or the whole account.";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique identifier: DomainFilter:<domain>:<pixel id, or global for the account>.")
            .Resolve(context => context.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("domain")
            .Description("The website's host, in lower case.")
            .Resolve(context => context.Source.Subject);
        Field<StringGraphType>("pixelId")
            .Description("The pixel the filter applies to; null for the account as a whole.")
            .Resolve(context => context.Source.PixelId);
        Field<NonNullGraphType<DomainFilterStateType>>("filterState")
            .Description("PUBLISH, DROP, or MIXED for an account whose pixels differ.")
            .Resolve(context => context.Source.State);
    }
}

public sealed class UpdateEventFilterResultType : ObjectGraphType<FilterView>
{
    public UpdateEventFilterResultType()
    {
        Name = "UpdateEventFilterResult";
        Description = "The result of updateEventFilter.";
        Field<NonNullGraphType<EventFilterType>>("updatedFilter")
            .Description("The pixel's filter when one pixel was named; otherwise the account's filter as a whole.")
            .Resolve(context => context.Source);
    }
}

public sealed class UpdateDomainFilterResultType : ObjectGraphType<FilterView>
{
    public UpdateDomainFilterResultType()
    {
        Name = "UpdateDomainFilterResult";
        Description = "The result of updateDomainFilter.";
        Field<NonNullGraphType<DomainFilterType>>("updatedFilter")
            .Description("The pixel's filter when one pixel was named; otherwise the account's filter as a whole.")
            .Resolve(context => context.Source);
    }
}

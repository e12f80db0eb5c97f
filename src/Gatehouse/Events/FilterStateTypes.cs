using System.ComponentModel;
using GraphQL.Types;

namespace Gatehouse.Events;

/// <summary>A filter's state as the API shows it: <see cref="Mixed"/> is read-only, an aggregate of pixels.</summary>
public enum ApiFilterState
{
    [Description("Events are published to the Conversions API.")]
    Publish,

    [Description("Events are dropped: not published to the Conversions API.")]
    Drop,

    [Description("Read-only: some of the account's pixels publish these events and others drop them.")]
    Mixed,
}

public sealed class EventFilterStateType : EnumerationGraphType<ApiFilterState>
{
    public EventFilterStateType()
    {
        Name = "EventFilterState";
        Description = "Whether events of a name are published or dropped.";
    }
}

public sealed class DomainFilterStateType : EnumerationGraphType<ApiFilterState>
{
    public DomainFilterStateType()
    {
        Name = "DomainFilterState";
        Description = "Whether events sent from a website are published or dropped.";
    }
}

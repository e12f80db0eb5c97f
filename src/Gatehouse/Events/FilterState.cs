namespace Gatehouse.Events;

/// <summary>What an event or domain filter does with the events it matches.</summary>
public enum FilterState
{
    Publish = 0,
    Drop = 1,
}

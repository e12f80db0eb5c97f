namespace Gatehouse.Pipelines;

/// <summary>A Signals Gateway pipeline of an account; account usage counts these.</summary>
public sealed class Pipeline
{
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public required string Name { get; set; }

    public bool IsActive { get; set; }

    public DateTime CreatedAt { get; init; }
}

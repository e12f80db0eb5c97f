namespace Gatehouse.Data;

/// <summary>The database cannot be served as it is; the message says what the operator should do.</summary>
public sealed class DatabaseNotReadyException(string message) : InvalidOperationException(message);

namespace Gatehouse.Routing;

/// <summary>
/// Looks up one CNAME record in the DNS. It is the seam between the ingress check and the network: the
/// server uses <see cref="DnsCnameResolver"/>, tests a resolver of their own.
/// </summary>
public interface ICnameResolver
{
    /// <summary>
    /// The target of the CNAME record of <paramref name="name"/>, or null when the name has none (or does
    /// not exist). Throws <see cref="CnameLookupException"/> when the name servers gave no usable answer.
    /// </summary>
    Task<string?> FindCnameAsync(string name, CancellationToken cancellationToken);
}

/// <summary>The name servers could not be asked, or gave no usable answer; the record may still exist.</summary>
public sealed class CnameLookupException(string message, Exception? innerException = null)
    : Exception(message, innerException);

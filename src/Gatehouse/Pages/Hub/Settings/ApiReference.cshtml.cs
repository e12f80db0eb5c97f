using Gatehouse.Hub;
using Gatehouse.Hub.Reference;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gatehouse.Pages.Hub.Settings;

public sealed class ApiReferenceModel(ApiReference reference, IOptions<HubOptions> hub) : PageModel
{
    public ApiReference Reference => reference;

    /// <summary>The address API clients use, for the copyable commands.</summary>
    public string BaseUrl => hub.Value.PublicBaseUrl is { Length: > 0 } configured
        ? configured.TrimEnd('/')
        : $"{Request.Scheme}://{Request.Host}{Request.PathBase}";

    public ReferenceOperation FirstOperation => reference.Operations[0];
}

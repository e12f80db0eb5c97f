using Gatehouse.Access;
using Gatehouse.Hub;
using Gatehouse.Usage;
using Microsoft.Extensions.Options;

namespace Gatehouse.Pages.Hub;

public sealed class IndexModel(AccountDirectory directory, IOptions<UsageOptions> usage) : HubPageModel
{
    public List<AccountSummary> Accounts { get; private set; } = [];

    public bool CanCreate { get; private set; }

    public int WindowHours => usage.Value.TrafficWindowHours;

    public async Task OnGetAsync()
    {
        CanCreate = AccessPolicy.CanCreateTenant(Caller);
        Accounts = await directory.ListAsync(Caller, HttpContext.RequestAborted);
    }
}

using Gatehouse.Access;
using Gatehouse.Hub;
using Gatehouse.Usage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gatehouse.Pages.Hub;

public sealed class IndexModel(AccountDirectory directory, IOptions<UsageOptions> usage) : PageModel
{
    public List<AccountSummary> Accounts { get; private set; } = [];

    public bool CanCreate { get; private set; }

    public int WindowHours => usage.Value.TrafficWindowHours;

    public async Task OnGetAsync()
    {
        var caller = Caller.From(User)!;
        CanCreate = AccessPolicy.CanCreateTenant(caller);
        Accounts = await directory.ListAsync(caller, HttpContext.RequestAborted);
    }
}

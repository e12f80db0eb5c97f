using Gatehouse.Access;
using Gatehouse.Hub;

namespace Gatehouse.Pages.Hub.Settings;

public sealed class IndexModel : HubPageModel
{
    public bool CanManageApiAccounts => AccessPolicy.CanManageApiAccounts(Caller);
}

using System.Text.Json;
using Gatehouse.ApiAccounts;

namespace Gatehouse.Cli;

/// <summary>The <c>api-accounts</c> verbs of the operator CLI.</summary>
public sealed class ApiAccountCommands(ApiAccountService accounts, TextWriter output, TextWriter error, bool json)
{
    public async Task<int> AddAsync(string name)
    {
        var creation = await accounts.CreateAsync(name, CancellationToken.None);
        if (creation.Error is not null)
        {
            await error.WriteLineAsync(creation.Error);
            return 1;
        }

        if (json)
        {
            var credentials = new Dictionary<string, string>
            {
                ["client_id"] = creation.Account!.Name,
                ["client_secret"] = creation.Secret!,
            };
            await output.WriteLineAsync(JsonSerializer.Serialize(credentials));
            return 0;
        }

        await output.WriteLineAsync($"""
            API account '{creation.Account!.Name}' created.
              client_id:     {creation.Account.Name}
              client_secret: {creation.Secret}
            The secret is shown only this once: store it now. Exchange both for a token at POST /clients/token.
            """);
        return 0;
    }

    public async Task<int> ListAsync()
    {
        var list = await accounts.ListAsync(CancellationToken.None);
        if (json)
        {
            var rows = list.Select(a => new Dictionary<string, string>
            {
                ["name"] = a.Name,
                ["created_at"] = a.CreatedAt.ToString("O", null),
            });
            await output.WriteLineAsync(JsonSerializer.Serialize(rows));
            return 0;
        }

        if (list.Count == 0)
        {
            await output.WriteLineAsync("No API accounts. Create one with: api-accounts add NAME");
            return 0;
        }

        await output.WriteLineAsync($"{"NAME",-20}  CREATED (UTC)");
        foreach (var account in list)
        {
            await output.WriteLineAsync($"{account.Name,-20}  {account.CreatedAt:yyyy-MM-dd HH:mm:ss}");
        }

        return 0;
    }

    public async Task<int> RemoveAsync(string name)
    {
        if (!await accounts.RemoveAsync(name, CancellationToken.None))
        {
            await error.WriteLineAsync($"No API account named '{name}'.");
            return 1;
        }

        await output.WriteLineAsync($"API account '{name}' removed. Its tokens stopped working at once.");
        return 0;
    }
}

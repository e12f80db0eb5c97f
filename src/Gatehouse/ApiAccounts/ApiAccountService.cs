using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gatehouse.ApiAccounts;

/// <summary>Creates and removes API accounts and issues and checks their access tokens.</summary>
public sealed partial class ApiAccountService(
    GatehouseDbContext db,
    TimeProvider clock,
    IOptions<TokenOptions> tokenOptions,
    ILogger<ApiAccountService> logger)
{
    // Compared against when the client id is unknown, so that an unknown id costs the same as a wrong secret.
    private static readonly byte[] UnknownAccountHash = Secrets.Hash(Secrets.NewSecret());

    public async Task<ApiAccountCreation> CreateAsync(string name, CancellationToken cancellationToken)
    {
        if (!ApiAccountNames.IsValid(name))
        {
            return ApiAccountCreation.Refused($"The name '{name}' is not valid: use {ApiAccountNames.Rule}.");
        }

        // Limitation: two processes creating the same name at the same moment both pass this check, and the
        // second then fails on the unique index with a database error instead of this message.
        if (await db.ApiAccounts.AnyAsync(a => a.Name == name, cancellationToken))
        {
            return ApiAccountCreation.Refused($"An API account named '{name}' already exists.");
        }

        var secret = Secrets.NewSecret();
        var account = new ApiAccount
        {
            Id = Guid.NewGuid(),
            Name = name,
            SecretHash = Secrets.Hash(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);

        Log.ApiAccountCreated(logger, account.Name, account.Id);
        return ApiAccountCreation.Created(account, secret);
    }

    public async Task<List<ApiAccount>> ListAsync(CancellationToken cancellationToken) =>
        await db.ApiAccounts.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);

    /// <summary>Removes the account; its tokens go with it, so integrations using it stop at once.</summary>
    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var removed = await db.ApiAccounts.Where(a => a.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
        if (removed)
        {
            Log.ApiAccountRemoved(logger, name);
        }

        return removed;
    }

    /// <summary>Returns a new access token, or null when the id or the secret is wrong.</summary>
    public async Task<IssuedToken?> IssueTokenAsync(
        string clientId,
        string clientSecret,
        CancellationToken cancellationToken)
    {
        var account = await db.ApiAccounts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Name == clientId, cancellationToken);
        var secretMatches = Secrets.Matches(clientSecret, account?.SecretHash ?? UnknownAccountHash);
        if (account is null || !secretMatches)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = tokenOptions.Value.Lifetime;
        var token = Secrets.NewSecret();
        db.ApiTokens.Add(new ApiToken
        {
            TokenHash = Secrets.Hash(token),
            ApiAccountId = account.Id,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);

        // Expired tokens of this account are of no further use; dropping them here keeps the table small.
        await db.ApiTokens.Where(t => t.ApiAccountId == account.Id && t.ExpiresAt <= now)
            .ExecuteDeleteAsync(cancellationToken);

        Log.TokenIssued(logger, account.Name);
        return new IssuedToken(token, lifetime);
    }

    /// <summary>Finds the API account a live token belongs to.</summary>
    public async Task<ApiAccount?> FindByTokenAsync(string token, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await FindLiveTokenOwnerAsync(db, Secrets.Hash(token), clock.GetUtcNow().UtcDateTime);
    }

    // Every API request runs this lookup, so it is compiled once rather than translated on each call.
    private static readonly Func<GatehouseDbContext, byte[], DateTime, Task<ApiAccount?>> FindLiveTokenOwnerAsync =
        EF.CompileAsyncQuery((GatehouseDbContext db, byte[] hash, DateTime now) => db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.ExpiresAt > now)
            .Join(db.ApiAccounts, t => t.ApiAccountId, a => a.Id, (t, a) => a)
            .SingleOrDefault());

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "API account {ApiAccount} created with id {ApiAccountId}",
            EventName = "ApiAccountCreated")]
        public static partial void ApiAccountCreated(ILogger logger, string apiAccount, Guid apiAccountId);

        [LoggerMessage(2, LogLevel.Information, "API account {ApiAccount} removed; its tokens are revoked",
            EventName = "ApiAccountRemoved")]
        public static partial void ApiAccountRemoved(ILogger logger, string apiAccount);

        [LoggerMessage(3, LogLevel.Information, "Access token issued to API account {ApiAccount}",
            EventName = "TokenIssued")]
        public static partial void TokenIssued(ILogger logger, string apiAccount);
    }
}

public sealed record IssuedToken(string Token, TimeSpan Lifetime);

public sealed record ApiAccountCreation(ApiAccount? Account, string? Secret, string? Error)
{
    public static ApiAccountCreation Created(ApiAccount account, string secret) => new(account, secret, null);

    public static ApiAccountCreation Refused(string error) => new(null, null, error);
}

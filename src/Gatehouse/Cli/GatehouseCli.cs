using System.Data.Common;
using System.Diagnostics;
using Gatehouse.ApiAccounts;
using Gatehouse.Data;
using Gatehouse.Hub;
using Gatehouse.Users;
using Microsoft.Extensions.Logging.Console;

namespace Gatehouse.Cli;

/// <summary>
/// Operator commands on the same program and configuration as the server (appsettings.json and
/// environment variables): <c>api-accounts add|list|remove</c>,
/// <c>users add-host-admin|invite|set-expiry|deactivate|activate</c> and <c>migrate</c>. Results go
/// to standard output, problems to standard error; the exit code is 0 on success, 1 when refused,
/// 2 on bad usage.
/// </summary>
public static class GatehouseCli
{
    private const string Usage = """
        Usage:
          gatehouse                                   run the server
          gatehouse api-accounts add NAME [--json]    create an API account and print its secret once
          gatehouse api-accounts list [--json]        list API accounts
          gatehouse api-accounts remove NAME          remove an API account and revoke its tokens
          gatehouse users add-host-admin EMAIL [--json]
                                                      make EMAIL a host admin and print an invitation link
          gatehouse users invite EMAIL [--json]       print a new one-time link to sign up or to set a new password
          gatehouse users set-expiry EMAIL DATE [--json]
                                                      let EMAIL sign in until the end of DATE (UTC): yyyy-MM-dd,
                                                      an ISO 8601 date-time, or never
          gatehouse users deactivate EMAIL [--json]   end EMAIL's sessions and keep them out until activated
          gatehouse users activate EMAIL [--json]     undo a deactivation
          gatehouse migrate                           apply pending database migrations
        With dotnet: dotnet run --project src/Gatehouse -- api-accounts add partner1
        """;

    private static readonly string[] Verbs = ["api-accounts", "users", "migrate", "help", "--help", "-h"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var json = args.Contains("--json");
        var words = args.Where(a => a != "--json").ToArray();
        if (words[0] is "help" or "--help" or "-h")
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        // Bad usage is answered before anything opens the database, so it changes nothing.
        if (words is not (["migrate"] or ["api-accounts", "add", _] or ["api-accounts", "list"]
            or ["api-accounts", "remove", _] or ["users", "add-host-admin" or "invite", _]
            or ["users", "deactivate" or "activate", _] or ["users", "set-expiry", _, _]))
        {
            return await UsageErrorAsync(error);
        }

        if (words is ["users", "set-expiry", _, var date] && !UserCommands.TryParseExpiry(date, out _))
        {
            await error.WriteLineAsync(
                $"'{date}' is not a date: give yyyy-MM-dd, an ISO 8601 date-time (UTC unless it has an offset), "
                + "or never.");
            return 2;
        }

        try
        {
            return await RunVerbAsync(words, output, error, json);
        }
        catch (Exception ex) when (ex is InvalidOperationException or DbException)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static async Task<int> RunVerbAsync(string[] words, TextWriter output, TextWriter error, bool json)
    {
        using var host = BuildHost();
        var migrator = host.Services.GetRequiredService<DatabaseMigrator>();
        if (words is ["migrate"])
        {
            var applied = await migrator.MigrateAsync(CancellationToken.None);
            await output.WriteLineAsync(applied.Count == 0
                ? "The database is up to date."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        }

        await migrator.PrepareForServingAsync(CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        if (words is ["users", _, var email, ..])
        {
            var users = new UserCommands(
                scope.ServiceProvider.GetRequiredService<GatehouseDbContext>(),
                scope.ServiceProvider.GetRequiredService<InvitationService>(),
                TimeProvider.System,
                PublicBaseUrl(host.Services.GetRequiredService<IConfiguration>()),
                output,
                error,
                json);
            return words[1] switch
            {
                "invite" => await users.InviteAsync(email),
                "add-host-admin" => await users.AddHostAdminAsync(email),
                "deactivate" => await users.DeactivateAsync(email),
                "activate" => await users.ActivateAsync(email),
                _ => await users.SetExpiryAsync(email, ParseExpiry(words[3])),
            };
        }

        var accounts = scope.ServiceProvider.GetRequiredService<ApiAccountService>();
        var commands = new ApiAccountCommands(accounts, output, error, json);
        return words switch
        {
            ["api-accounts", "add", var name] => await commands.AddAsync(name),
            ["api-accounts", "list"] => await commands.ListAsync(),
            _ => await commands.RemoveAsync(words[2]),
        };
    }

    /// <summary>Where invitation links point: Hub:PublicBaseUrl, or else the first address of Urls.</summary>
    private static string PublicBaseUrl(IConfiguration configuration) =>
        configuration[$"{HubOptions.SectionName}:{nameof(HubOptions.PublicBaseUrl)}"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : (configuration["Urls"] ?? "http://localhost:8080").Split(';')[0].TrimEnd('/');

    // The date was checked before the database was opened.
    private static DateOnly? ParseExpiry(string date) =>
        UserCommands.TryParseExpiry(date, out var expiry) ? expiry : throw new UnreachableException();

    private static async Task<int> UsageErrorAsync(TextWriter error)
    {
        await error.WriteLineAsync(Usage);
        return 2;
    }

    private static IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Logs go to standard error and only when something is wrong, so scripts can read standard output.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddGatehouseData(builder.Configuration);
        builder.Services.AddApiAccountStore(builder.Configuration);
        builder.Services.Configure<HubOptions>(builder.Configuration.GetSection(HubOptions.SectionName));
        builder.Services.AddScoped<InvitationService>();
        return builder.Build();
    }
}

using System.Net.Http.Headers;
using Gatehouse.ApiAccounts;
using Gatehouse.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gatehouse.Tests.Infrastructure;

/// <summary>
/// The whole server in process, over real HTTP semantics, on its own real database (see
/// <see cref="TestDatabase"/>). Tests create the data they need through the helpers.
/// </summary>
public sealed class GatehouseApplication : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    public GatehouseApplication()
    {
        _database = new TestDatabase();
        _ownsDatabase = true;
    }

    /// <summary>An application on a database that the test owns, so that it can outlive a restart.</summary>
    internal GatehouseApplication(TestDatabase database)
    {
        _database = database;
    }

    public TestClock Clock { get; } = new();

    public bool IsPostgres => _database.IsPostgres;

    /// <summary>Extra configuration for one test class, applied over the defaults.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Service replacements for one test class, such as a resolver that answers from memory.</summary>
    public List<Action<IServiceCollection>> ServiceOverrides { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Gatehouse", _database.ConnectionString);
        builder.UseSetting("Database:Provider", _database.Provider);
        builder.UseSetting("Database:MigrateOnStartup", "true");

        // No test publishes to Meta: those that publish turn it on, towards a fake Conversions API.
        builder.UseSetting("ConversionsApi:Enabled", "false");

        // No test asks the machine's name servers: DNS goes to a loopback port where nothing listens, unless a
        // test class points it at its own server or replaces the resolver.
        builder.UseSetting("Routing:NameServers:0", "127.0.0.1:9");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            foreach (var configure in ServiceOverrides)
            {
                configure(services);
            }
        });
    }

    public Task InitializeAsync()
    {
        // Starting the server here runs the migrations once, before the first test of the class.
        _ = Server;
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Runs <paramref name="action"/> with the application's database, as a test's arrange step.</summary>
    public async Task WithDbAsync(Func<GatehouseDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<GatehouseDbContext>());
    }

    /// <summary>Creates an API account with a unique name and returns its credentials.</summary>
    public async Task<(string ClientId, string ClientSecret)> CreateApiAccountAsync(string? name = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<ApiAccountService>();
        var creation = await accounts.CreateAsync(name ?? "acct" + Guid.NewGuid().ToString("N")[..12], default);
        return (creation.Account!.Name, creation.Secret!);
    }

    /// <summary>Gets a token through the real token endpoint.</summary>
    public async Task<string> GetTokenAsync(string clientId, string clientSecret)
    {
        using var client = CreateClient();
        return await client.GetTokenAsync(clientId, clientSecret);
    }

    /// <summary>A client that calls the API as a new API account.</summary>
    public async Task<HttpClient> CreateApiClientAsync()
    {
        var (clientId, secret) = await CreateApiAccountAsync();
        var client = CreateClient();
        var token = await GetTokenAsync(clientId, secret);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

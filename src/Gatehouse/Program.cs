using Gatehouse.ApiAccounts;
using Gatehouse.Cli;
using Gatehouse.Data;
using Gatehouse.Events;
using Gatehouse.GraphQL;
using Gatehouse.Hosting;
using Gatehouse.Hub;
using Gatehouse.Routing;

// Operator commands (api-accounts, migrate) share the server's configuration but do not start it.
if (GatehouseCli.IsCommand(args))
{
    return await GatehouseCli.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

// Hosting: logs, request limits, errors, health, metrics.
builder.AddGatehouseHosting();
builder.Services.AddGatehouseHealthChecks();

// Storage: SQLite by default, PostgreSQL when Database:Provider says so.
builder.Services.AddGatehouseData(builder.Configuration);

// API accounts, the token endpoint and bearer-token authentication.
builder.Services.AddApiAccounts(builder.Configuration);

// The hub and CAPIG GraphQL schemas and their transport.
builder.Services.AddGatehouseGraphQL(builder.Configuration);

// Data routing: ingress domains and the background check of their CNAME records.
builder.Services.AddDataRouting(builder.Configuration);

// The hub UI: pages, sessions, invitations by mail.
builder.Services.AddGatehouseHub(builder.Configuration);

// The data plane: events from pixels and servers, stored durably, published to Meta's Conversions API.
builder.Services.AddEventIntake(builder.Configuration);
builder.Services.AddEventPublishing(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapHealthEndpoints();
app.MapGatehouseMetrics();
app.MapTokenEndpoint();
app.MapGraphQL<HubSchema>("/hub/graphql");
app.MapGraphQL<CapigSchema>("/capig/graphql");
app.MapEventIntake();
app.MapGatehouseHub();

try
{
    await app.RunAsync();
    return 0;
}
catch (DatabaseNotReadyException)
{
    // Start-up has logged why; the exit code tells the supervisor not to retry blindly.
    return 1;
}

/// <summary>The application's entry point; public so that tests can host it.</summary>
public partial class Program;

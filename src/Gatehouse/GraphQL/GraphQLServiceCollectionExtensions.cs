using System.Text.Encodings.Web;
using Gatehouse.Pixels;
using Gatehouse.Usage;
using Gatehouse.Users;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Gatehouse.GraphQL;

public static partial class GraphQLServiceCollectionExtensions
{
    /// <summary>
    /// Registers the hub and CAPIG schemas (each built once, shared by requests) and their transport.
    /// </summary>
    public static IServiceCollection AddGatehouseGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GraphQLOptions>(configuration.GetSection(GraphQLOptions.SectionName));
        services.Configure<UsageOptions>(configuration.GetSection(UsageOptions.SectionName));
        services.AddGraphQL(graphQL => graphQL
            .AddSchema<HubSchema>()
            .AddSchema<CapigSchema>()
            .AddGraphTypes(typeof(HubSchema).Assembly)
            // Responses are JSON, never HTML, so quotes and apostrophes need no escaping.
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider<GatehouseErrorInfoProvider>()
            // Resolvers share the request's DbContext, which allows one operation at a time; batching through
            // BatchLoader keeps the number of queries fixed all the same.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddUnhandledExceptionHandler(LogUnhandled));

        services.AddSingleton(typeof(DocumentCache<>));
        services.AddSingleton(typeof(GraphQLHttpHandler<>));
        services.AddScoped<UserLoaders>();
        services.AddScoped<InvitationService>();
        services.AddScoped<PasswordSignIn>();
        services.AddHttpContextAccessor();
        services.AddScoped<UsageCalculator>();
        services.AddSingleton<PixelTokens>();
        return services;
    }

    /// <summary>Serves a schema at <paramref name="path"/> (with and without a trailing slash) and its SDL.</summary>
    public static IEndpointRouteBuilder MapGraphQL<TSchema>(this IEndpointRouteBuilder app, string path)
        where TSchema : ISchema
    {
        var handler = app.ServiceProvider.GetRequiredService<GraphQLHttpHandler<TSchema>>();
        // Routing ignores a trailing slash, so this serves both /hub/graphql and /hub/graphql/.
        app.Map(path, handler.HandleAsync).DisableAntiforgery();

        var schema = app.ServiceProvider.GetRequiredService<TSchema>();
        schema.Initialize();
        var sdl = schema.Print();
        app.MapGet(path + "/schema.graphql", () => TypedResults.Text(sdl, "text/plain; charset=utf-8"));
        return app;
    }

    private static void LogUnhandled(UnhandledExceptionContext context)
    {
        var traceId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        context.Exception.Data[GatehouseErrorInfoProvider.TraceIdKey] = traceId;
        var logger = context.ExecutionOptions.RequestServices?.GetService<ILogger<HubSchema>>();
        if (logger is not null)
        {
            Log.Unhandled(logger, context.Exception, context.FieldContext?.FieldDefinition.Name, traceId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "GraphQL field {Field} failed; trace id {TraceId}",
            EventName = "GraphQLFieldFailed")]
        public static partial void Unhandled(ILogger logger, Exception exception, string? field, string traceId);
    }
}

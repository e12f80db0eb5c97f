using GraphQL.Types;

namespace Gatehouse.Pixels;

public sealed record PixelConnectionCreationInput(
    string BusinessId,
    string PixelId,
    string AccessToken,
    string? ApiVersion,
    string ExternalId,
    string? Name);

public sealed record SignalConfigStatusInput(int Status);

public sealed class PixelConnectionCreationInputType : InputObjectGraphType<PixelConnectionCreationInput>
{
    public PixelConnectionCreationInputType()
    {
        Name = "PixelConnectionCreationInput";
        Description = "A Meta Pixel to connect, with the access token the gateway publishes its events with.";
        Field<NonNullGraphType<StringGraphType>>("businessId").Description("The Meta business that owns the pixel.");
        Field<NonNullGraphType<StringGraphType>>("pixelId").Description("The Meta Pixel ID.");
        Field<NonNullGraphType<StringGraphType>>("accessToken")
            .Description("Conversions API access token; stored encrypted and never returned.");
        Field<StringGraphType>("apiVersion").Description("Graph API version to publish with, such as v17.0.");
        Field<NonNullGraphType<StringGraphType>>("externalId")
            .Description("The Meta Business Extension's external business id; may be empty.");
        Field<StringGraphType>("name").Description("A name for the pixel.");
    }
}

public sealed class SignalConfigStatusInputType : InputObjectGraphType<SignalConfigStatusInput>
{
    public SignalConfigStatusInputType()
    {
        Name = "SignalConfigStatusInput";
        Description = "The new state of one of a pixel's switches.";
        Field<NonNullGraphType<IntGraphType>>("status").Description("1 to activate, 0 to deactivate.");
    }
}

public sealed class UpdateSignalConfigStatusPayloadType : ObjectGraphType<PixelConnection>
{
    public UpdateSignalConfigStatusPayloadType()
    {
        Name = "UpdateSignalConfigStatusPayload";
        Description = "The result of switching a pixel's receiving or publishing.";
        Field<NonNullGraphType<BooleanGraphType>>("success")
            .Description("Whether the switch was set; failures are reported as errors instead.")
            .Resolve(_ => true);
        Field<NonNullGraphType<ConnectionStatusType>>("connectionStatus")
            .Description("The pixel's status after the change.")
            .Resolve(context => context.Source);
    }
}

using GraphQL.Types;

namespace Gatehouse.Pixels;

/// <summary>The switches, token state and traffic of one pixel.</summary>
public sealed class ConnectionStatusType : ObjectGraphType<PixelConnection>
{
    public ConnectionStatusType()
    {
        Name = "ConnectionStatus";
        Description = "Status of a pixel's connection to the gateway and to the Conversions API.";

        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique identifier of the status: ConnectionStatus:<pixel id>.")
            .Resolve(context => "ConnectionStatus:" + context.Source.PixelId);
        Field<NonNullGraphType<BooleanGraphType>>("connected")
            .Description("Whether both the pixel ID and an access token are stored.")
            .Resolve(context => context.Source.HasAccessToken);
        Field<NonNullGraphType<BooleanGraphType>>("active")
            .Description("Whether the gateway receives the pixel's events (updateSignalConfigEventsStatus).")
            .Resolve(context => context.Source.IsActive);
        Field<NonNullGraphType<BooleanGraphType>>("eventBridgeActive")
            .Description("Whether the pixel's bridge to this gateway is set up; true for every connected pixel.")
            .Resolve(_ => true);
        Field<NonNullGraphType<BooleanGraphType>>("publishingEnabled")
            .Description("Whether received events may be published to the Conversions API.")
            .Resolve(context => context.Source.IsPublishing);
        Field<NonNullGraphType<BooleanGraphType>>("accessTokenAvailable")
            .Description("Whether a Conversions API access token is stored; the token itself is never returned.")
            .Resolve(context => context.Source.HasAccessToken);
        Field<NonNullGraphType<BooleanGraphType>>("badToken")
            .Description("Whether the Graph API rejected the stored access token; a new token clears it.")
            .Resolve(context => context.Source.BadToken);
        Field<StringGraphType>("apiErrorCode")
            .Description("The last Conversions API error as <code>.<subcode>; null when the last publish succeeded.")
            .Resolve(context => context.Source.ApiErrorCode);
        Field<NonNullGraphType<StringGraphType>>("pixelID")
            .Description("The Meta Pixel ID.")
            .Resolve(context => context.Source.PixelId);
        Field<StringGraphType>("pixelName")
            .Description("The pixel's name, when one was given.")
            .Resolve(context => context.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("targetId")
            .Description("Identifier of the publishing target; empty for a pixel that publishes to itself.")
            .Resolve(_ => "");
        AddTraffic();
    }

    private void AddTraffic()
    {
        Field<NonNullGraphType<FloatGraphType>>("totalEventsPublished")
            .Description("Events the Conversions API accepted in the time window.")
            .Resolve(context => context.Source.Traffic.Published);
        Field<NonNullGraphType<FloatGraphType>>("lastPublished")
            .Description("When an event was last published, in Unix milliseconds; 0 when never.")
            .Resolve(context => context.Source.Traffic.LastPublished);
        Field<NonNullGraphType<FloatGraphType>>("totalEventsReceived")
            .Description("Events received from the pixel in the time window.")
            .Resolve(context => context.Source.Traffic.Received);
        Field<NonNullGraphType<FloatGraphType>>("lastReceived")
            .Description("When an event was last received, in Unix milliseconds; 0 when never.")
            .Resolve(context => context.Source.Traffic.LastReceived);
    }
}

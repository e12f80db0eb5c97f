using GraphQL.Types;

namespace Gatehouse.Pixels;

/// <summary>A connected Meta Pixel as <c>/capig/graphql/</c> shows it.</summary>
public sealed class SignalConfigType : ObjectGraphType<PixelConnection>
{
    public SignalConfigType()
    {
        Name = "SignalConfig";
        Description = "A Meta Pixel connected to the gateway.";

        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("Unique identifier of the signal config: SignalConfig:<pixel id>.")
            .Resolve(context => "SignalConfig:" + context.Source.PixelId);
        Field<NonNullGraphType<StringGraphType>>("connectionId")
            .Description("The Meta Pixel ID.")
            .Resolve(context => context.Source.PixelId);
        Field<NonNullGraphType<ConnectionStatusType>>("connectionStatus")
            .Description("Status of the pixel's connection: its switches, token and traffic.")
            .Resolve(context => context.Source);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("domains")
            .Description("Hosts of the websites the pixel's events came from in the time window, sorted.")
            .Resolve(context => context.Source.Traffic.Domains);
        Field<NonNullGraphType<StringGraphType>>("dataSetType")
            .Description("The kind of data set; always PIXEL for a Meta Pixel.")
            .Resolve(_ => "PIXEL");
    }
}

using System.Threading.Channels;
using Gatehouse.Hosting;

namespace Gatehouse.Users;

/// <summary>
/// Invitation mails waiting to be sent. Requests only add to it, so a slow or unresponsive SMTP server never
/// holds up the request that invited someone: the link is returned at once either way.
/// </summary>
public sealed partial class InvitationOutbox(GatehouseMetrics metrics, ILogger<InvitationOutbox> logger)
{
    private const int Capacity = 1000;

    // Limitation: mails still queued when the process stops are not sent; the invitations themselves are
    // saved, so `sendInvitation` or `users invite` issues a new link.
    private readonly Channel<InvitationMail> _mails = Channel.CreateBounded<InvitationMail>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public bool TryEnqueue(InvitationMail mail)
    {
        if (_mails.Writer.TryWrite(mail))
        {
            return true;
        }

        Log.QueueFull(logger, Capacity);
        metrics.InvitationMailed("dropped");
        return false;
    }

    public IAsyncEnumerable<InvitationMail> ReadAllAsync(CancellationToken cancellationToken) =>
        _mails.Reader.ReadAllAsync(cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Invitation mail not queued: {Capacity} mails are already waiting",
            EventName = "InvitationOutboxFull")]
        public static partial void QueueFull(ILogger logger, int capacity);
    }
}

/// <summary>Sends queued invitation mails one at a time, logging failures without retrying.</summary>
public sealed partial class InvitationMailSender(
    InvitationOutbox queue,
    IInvitationMailer mailer,
    GatehouseMetrics metrics,
    ILogger<InvitationMailSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var mail in queue.ReadAllAsync(stoppingToken))
            {
                await SendAsync(mail, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }

    private async Task SendAsync(InvitationMail mail, CancellationToken stoppingToken)
    {
        try
        {
            await mailer.SendAsync(mail, stoppingToken);
            Log.Mailed(logger);
            metrics.InvitationMailed("sent");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Log.MailFailed(logger, ex);
            metrics.InvitationMailed("failed");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Invitation mailed", EventName = "InvitationMailed")]
        public static partial void Mailed(ILogger logger);

        [LoggerMessage(2, LogLevel.Error, "Invitation could not be mailed; the link was still returned to the inviter",
            EventName = "InvitationMailFailed")]
        public static partial void MailFailed(ILogger logger, Exception exception);
    }
}

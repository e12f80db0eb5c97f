using System.Globalization;
using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gatehouse.Users;

/// <summary>
/// Sends invitation mails through the server of <see cref="SmtpOptions"/>, one connection per mail: invitations
/// are rare, and a fresh connection cannot be left broken by an earlier failure.
/// </summary>
public sealed partial class SmtpInvitationMailer(IOptions<SmtpOptions> options, ILogger<SmtpInvitationMailer> logger)
    : IInvitationMailer
{
    public async Task SendAsync(InvitationMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var smtp = options.Value;
        var host = smtp.Host ?? throw new InvalidOperationException("Smtp:Host is not set; no mail can be sent.");
        var from = smtp.From ?? throw new InvalidOperationException("Smtp:From is not set; no mail can be sent.");
        using var message = Compose(mail, MailboxAddress.Parse(from));

        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(host, smtp.Port, SocketOptions(smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        Log.Sent(logger, host, smtp.Port);
    }

    private static MimeMessage Compose(InvitationMail mail, MailboxAddress from)
    {
        var account = mail.AccountName is null ? null : SingleLine(mail.AccountName);
        var expires = mail.ExpiresAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var invitedTo = account is null ? "this gateway" : $"the account \"{account}\" on this gateway";
        var text = $"""
            You are invited to {invitedTo}.

            Open this link to choose your password and sign in. It works once.
            {mail.Link}

            The link expires on {expires}. If you did not expect this invitation, ignore this mail.
            """;
        var html = $"""
            <!DOCTYPE html>
            <html><body>
            <p>You are invited to {WebUtility.HtmlEncode(invitedTo)}.</p>
            <p><a href="{WebUtility.HtmlEncode(mail.Link)}">Choose your password and sign in</a>.
            The link works once.</p>
            <p>The link expires on {expires}. If you did not expect this invitation, ignore this mail.</p>
            </body></html>
            """;

        var message = new MimeMessage { Subject = $"You are invited to {account ?? "the gateway"}" };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    // An account name is free text; a line break in it must not reach the subject header.
    private static string SingleLine(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c));

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    // The recipient and the link stay out of the log: the link signs its holder in.
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Invitation mail accepted by {Host}:{Port}",
            EventName = "InvitationMailSent")]
        public static partial void Sent(ILogger logger, string host, int port);
    }
}

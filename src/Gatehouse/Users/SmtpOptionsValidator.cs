using Microsoft.Extensions.Options;
using MimeKit;

namespace Gatehouse.Users;

/// <summary>Refuses to start with SMTP settings that would make every invitation mail fail.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add("Smtp:From is required when Smtp:Host is set: give the sender of invitation mails, "
                + "such as \"Gatehouse <gateway@example.com>\".");
        }
        else if (!IsMailbox(options.From))
        {
            failures.Add($"Smtp:From \"{options.From}\" is not a mail address: give one such as "
                + "\"Gatehouse <gateway@example.com>\" or \"gateway@example.com\".");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Smtp:Port {options.Port} is not a port: give one from 1 to 65535, usually 587 or 465.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"Smtp:Timeout {options.Timeout} is out of range: give a positive time such as 00:00:30.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsMailbox(string value) =>
        MailboxAddress.TryParse(value, out var address)
        && !string.IsNullOrEmpty(address.LocalPart)
        && address.Domain.Contains('.', StringComparison.Ordinal);
}

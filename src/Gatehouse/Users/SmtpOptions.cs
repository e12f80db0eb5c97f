namespace Gatehouse.Users;

/// <summary>
/// Where invitation mails are sent (section <c>Smtp</c>). Nothing is mailed unless <see cref="Host"/> is set;
/// invitation links are returned to whoever created them either way.
/// </summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    /// <summary>The SMTP server, such as <c>smtp.example.com</c>. Empty turns mail off.</summary>
    public string? Host { get; set; }

    /// <summary>The server's port: 587 for submission with STARTTLS, 465 for TLS from the start.</summary>
    public int Port { get; set; } = 587;

    /// <summary>
    /// How the connection is protected. <see cref="SmtpSecurity.Auto"/> uses TLS from the start on port 465
    /// and otherwise STARTTLS only if the server offers it, so someone between the two can strip the offer
    /// and read the mail, password and links included; <see cref="SmtpSecurity.StartTls"/> refuses to go on
    /// without TLS.
    /// </summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>The account to sign in with; when empty the server is used without signing in.</summary>
    public string? UserName { get; set; }

    /// <summary>
    /// The password of <see cref="UserName"/>. Anyone who reads it can send mail as the gateway: keep it out of
    /// appsettings.json and give it through the environment (<c>Smtp__Password</c>) or a secret store.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>The sender, such as <c>Gatehouse &lt;gateway@example.com&gt;</c>; required when Host is set.</summary>
    public string? From { get; set; }

    /// <summary>How long one step of the conversation with the server may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS from the start on port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>No TLS: only for a relay on the same host or a trusted network.</summary>
    None,

    /// <summary>STARTTLS, required: the mail is not sent if the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

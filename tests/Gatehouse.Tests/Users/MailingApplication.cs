using System.Globalization;
using Gatehouse.Tests.Infrastructure;

namespace Gatehouse.Tests.Users;

/// <summary>
/// The application with its <c>Smtp</c> settings pointing at a local <see cref="SmtpListener"/>, so that
/// invitation mail really goes over SMTP. Subclasses choose whether the listener takes mail and whether
/// <c>Smtp:Host</c> is set at all.
/// </summary>
public abstract class MailingApplication(bool hostConfigured, bool refuseData) : IAsyncLifetime
{
    public const string From = "gateway@example.com";

    public GatehouseApplication App { get; } = new();

    public SmtpListener Smtp { get; } = new() { RefuseData = refuseData };

    public Task InitializeAsync()
    {
        Smtp.Start();
        if (hostConfigured)
        {
            App.Settings["Smtp:Host"] = "127.0.0.1";
        }

        App.Settings["Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture);
        App.Settings["Smtp:Security"] = "None";
        App.Settings["Smtp:From"] = $"Gatehouse <{From}>";
        App.Settings["Smtp:Timeout"] = "00:00:05";
        return App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Invitation mail goes to a listener that takes it.</summary>
public sealed class DeliveringMailApplication() : MailingApplication(hostConfigured: true, refuseData: false);

/// <summary>Invitation mail goes to a listener that answers every DATA with 554.</summary>
public sealed class RefusingMailApplication() : MailingApplication(hostConfigured: true, refuseData: true);

/// <summary>Every Smtp setting but the host: the application must not mail at all.</summary>
public sealed class UnconfiguredMailApplication() : MailingApplication(hostConfigured: false, refuseData: false);

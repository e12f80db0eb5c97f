using Microsoft.Extensions.Options;

namespace Gatehouse.Users;

public static class InvitationMailServiceCollectionExtensions
{
    /// <summary>
    /// Mails invitation links through SMTP when <c>Smtp:Host</c> is set, checking the rest of the <c>Smtp</c>
    /// section as the server starts. Without a host nothing is registered, and no mail is sent.
    /// </summary>
    public static IServiceCollection AddInvitationMail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SmtpOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(SmtpOptions.Host)]))
        {
            return services;
        }

        services.AddOptions<SmtpOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton<IInvitationMailer, SmtpInvitationMailer>();
        services.AddSingleton<InvitationOutbox>();
        services.AddHostedService<InvitationMailSender>();
        return services;
    }
}

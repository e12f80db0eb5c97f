using System.ComponentModel;
using GraphQL.Types;

namespace Gatehouse.Users;

public sealed class AddUserWithRoleInput
{
    public string Email { get; set; } = "";

    public string RoleName { get; set; } = "";
}

public sealed class ChangeRoleForUserInput
{
    public string UserId { get; set; } = "";

    public string? RoleToRevoke { get; set; }

    public string? RoleToAdd { get; set; }
}

public sealed class SendInvitationInput
{
    public string Email { get; set; } = "";

    public string? TenantId { get; set; }

    public UserKind UserType { get; set; }
}

/// <summary>Whether a user belongs to the host (partner) or to advertiser accounts.</summary>
public enum UserKind
{
    [Description("A user of the host: a partner, agency or reseller.")]
    Agency,

    [Description("A user of one or more advertiser accounts.")]
    Advertiser,
}

public sealed class UserKindType : EnumerationGraphType<UserKind>
{
    public UserKindType()
    {
        Name = "UserType";
        Description = "Whether a user belongs to the host (partner, agency) or to advertiser accounts.";
    }
}

public sealed class AddUserWithRoleInputType : InputObjectGraphType<AddUserWithRoleInput>
{
    public AddUserWithRoleInputType()
    {
        Name = "AddUserWithRoleInput";
        Description = "A person to add, by email, with the role they get.";
        Field(i => i.Email).Description("Email address of the user; stored lower-cased.");
        Field(i => i.RoleName)
            .Description("Full name of the role: agency-ACTION or advertiser-ACTION-ACCOUNTID, ACTION being "
                + "admin, manage or view.");
    }
}

public sealed class ChangeRoleForUserInputType : InputObjectGraphType<ChangeRoleForUserInput>
{
    public ChangeRoleForUserInputType()
    {
        Name = "ChangeRoleForUserInput";
        Description = "A role to take away from a user and/or a role to give them, in one change.";
        Field(i => i.UserId).Description("Unique identifier of the user.");
        Field(i => i.RoleToRevoke, nullable: true).Description("Full name of a role the user holds, to take away.");
        Field(i => i.RoleToAdd, nullable: true).Description("Full name of a role to give the user.");
    }
}

public sealed class SendInvitationInputType : InputObjectGraphType<SendInvitationInput>
{
    public SendInvitationInputType()
    {
        Name = "SendInvitationInput";
        Description = "Whom to invite again: a user who has not accepted an invitation yet.";
        Field(i => i.Email).Description("Email address of the user.");
        Field(i => i.TenantId, nullable: true)
            .Description("The account the user belongs to; must be null for host (AGENCY) users.");
        Field<NonNullGraphType<UserKindType>>("userType")
            .Description("AGENCY for a host user, ADVERTISER for an account user.");
    }
}

using GraphQL.Types;

namespace Gatehouse.Users;

/// <summary>The result of addUserWithRole.</summary>
public sealed record AddUserResponse(bool UserAlreadyExist, string? InvitationLink, User User);

/// <summary>The result of changeRoleForUser: the user as they are now.</summary>
public sealed record UserPayload(User User);

public sealed class AddUserResponseType : ObjectGraphType<AddUserResponse>
{
    public AddUserResponseType()
    {
        Name = "AddUserResponse";
        Description = "The result of addUserWithRole.";
        Field(r => r.UserAlreadyExist)
            .Description("Whether a user with this email existed already (in other accounts or at the host).");
        Field(r => r.InvitationLink, nullable: true)
            .Description("The link the user opens to set a password; null when the user has one already.");
        Field<NonNullGraphType<UserType>>("user").Description("The user with the new role.")
            .Resolve(context => context.Source.User);
    }
}

public sealed class ChangeRoleForUserResponseType : ObjectGraphType<UserPayload>
{
    public ChangeRoleForUserResponseType()
    {
        Name = "ChangeRoleForUserResponse";
        Description = "The result of changeRoleForUser.";
        Field<NonNullGraphType<UserType>>("user").Description("The user with their roles as they are now.")
            .Resolve(context => context.Source.User);
    }
}

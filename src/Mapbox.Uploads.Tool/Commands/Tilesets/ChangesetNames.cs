using System;
using System.CommandLine.Parsing;
using Mapbox.Uploads.Build;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary>
/// How the changeset commands name a changeset: its id, or its URI <c>mapbox://tileset-changeset/{user}/{id}</c> as
/// <c>changesets list</c> prints it and a tilesets CLI payload holds it. The shape is checked while the command line
/// is parsed (a usage error, nothing sent); the account, which needs the token, when the command runs.
/// </summary>
internal static class ChangesetNames
{
    /// <summary>What is wrong with a changeset name, or null.</summary>
    public static string? Problem(string name) => ChangesetIds.Check(Split(name).Id);

    /// <summary>Adds a usage error for each argument token that is not a changeset name.</summary>
    public static void Validate(ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (Problem(token.Value) is { } problem)
            {
                result.AddError(problem);
            }
        }
    }

    /// <summary>The id of a name already checked by <see cref="Problem"/>; a URI of another account is a usage error, as a tileset of one is.</summary>
    public static string IdIn(string name, string account)
    {
        var (owner, id) = Split(name);
        return owner is null || owner == account
            ? id
            : throw new CodedFailure(ErrorCodes.OwnerMismatch, $"'{name}' is a changeset of the account {owner}, but the token is {account}'s (nothing was sent).", ExitCodes.Usage);
    }

    private static (string? Owner, string Id) Split(string name)
    {
        if (!name.StartsWith(ChangesetIds.UriPrefix, StringComparison.Ordinal))
        {
            return (null, name);
        }

        var path = name[ChangesetIds.UriPrefix.Length..];
        var slash = path.IndexOf('/');
        return slash <= 0 ? (null, name) : (path[..slash], path[(slash + 1)..]);
    }
}

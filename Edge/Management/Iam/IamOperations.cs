using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.Iam;
using OrleansGateway.Grains.Interfaces.Iam;

namespace OrleansGateway.Edge.Management.Iam;

/// <summary>
/// The IAM actions the gateway implements: users, their access keys and inline policies. Each
/// returns the members of its <c>{Action}Result</c> element (null when IAM returns none).
/// </summary>
internal sealed class IamOperations(IGrainFactory grains, IamAccessKeySecrets secrets, IOptions<GatewayOptions> gateway)
{
    private IIamDirectoryGrain Directory => grains.GetGrain<IIamDirectoryGrain>(IIamDirectoryGrain.Key);

    /// <summary>Runs <paramref name="action"/>; InvalidAction when the gateway does not implement it.</summary>
    public Task<IEnumerable<XElement>?> RunAsync(string action, IamInput input) => action switch
    {
        "CreateUser" => CreateUserAsync(input),
        "GetUser" => GetUserAsync(input),
        "ListUsers" => ListUsersAsync(input),
        "DeleteUser" => DeleteUserAsync(input),
        "CreateAccessKey" => CreateAccessKeyAsync(input),
        "ListAccessKeys" => ListAccessKeysAsync(input),
        "UpdateAccessKey" => UpdateAccessKeyAsync(input),
        "DeleteAccessKey" => DeleteAccessKeyAsync(input),
        "PutUserPolicy" => PutUserPolicyAsync(input),
        "GetUserPolicy" => GetUserPolicyAsync(input),
        "DeleteUserPolicy" => DeleteUserPolicyAsync(input),
        _ => throw new IamQueryException(StatusCodes.Status400BadRequest, "InvalidAction", $"Could not find operation {action} for version 2010-05-08"),
    };

    private async Task<IEnumerable<XElement>?> CreateUserAsync(IamInput input)
    {
        var user = Value(await Directory.CreateUser(input.UserName(), input.Path(), gateway.Value.AccountId));
        return [new XElement(IamXml.Namespace + "User", IamXml.User(user))];
    }

    private async Task<IEnumerable<XElement>?> GetUserAsync(IamInput input)
    {
        var user = Value(await Directory.GetUser(input.UserName()));
        return [new XElement(IamXml.Namespace + "User", IamXml.User(user))];
    }

    private async Task<IEnumerable<XElement>?> ListUsersAsync(IamInput input)
    {
        var maxItems = input.MaxItems();
        var marker = input.Marker();
        var users = await Directory.ListUsers();
        // The marker is the last name of the previous page; names are unique and the list is sorted.
        var page = users.Where(u => marker is null || string.Compare(u.UserName, marker, StringComparison.OrdinalIgnoreCase) > 0).Take(maxItems + 1).ToList();
        var truncated = page.Count > maxItems;
        if (truncated)
        {
            page.RemoveAt(maxItems);
        }
        List<XElement> result = [IamXml.Members("Users", page.Select(IamXml.User)), IamXml.Element("IsTruncated", truncated ? "true" : "false")];
        if (truncated)
        {
            result.Add(IamXml.Element("Marker", page[^1].UserName));
        }
        return result;
    }

    private async Task<IEnumerable<XElement>?> DeleteUserAsync(IamInput input)
    {
        Value(await Directory.DeleteUser(input.UserName()));
        return null;
    }

    private async Task<IEnumerable<XElement>?> CreateAccessKeyAsync(IamInput input)
    {
        var userName = input.UserName();
        var accessKeyId = IamAccessKeySecrets.NewAccessKeyId();
        var secret = IamAccessKeySecrets.NewSecret();
        // Only the sealed secret leaves this process; the plaintext is returned to the caller this once.
        var key = Value(await Directory.CreateAccessKey(userName, accessKeyId, secrets.Seal(accessKeyId, secret)));
        return
        [
            new XElement(IamXml.Namespace + "AccessKey",
                IamXml.Element("UserName", key.UserName),
                IamXml.Element("AccessKeyId", key.AccessKeyId),
                IamXml.Element("Status", "Active"),
                IamXml.Element("SecretAccessKey", secret),
                IamXml.AccessKey(key).Last()),
        ];
    }

    private async Task<IEnumerable<XElement>?> ListAccessKeysAsync(IamInput input)
    {
        var userName = input.UserName();
        var keys = Value(await Directory.ListAccessKeys(userName));
        return
        [
            IamXml.Element("UserName", userName),
            IamXml.Members("AccessKeyMetadata", keys.Select(IamXml.AccessKey)),
            IamXml.Element("IsTruncated", "false"),
        ];
    }

    private async Task<IEnumerable<XElement>?> UpdateAccessKeyAsync(IamInput input)
    {
        Value(await Directory.UpdateAccessKey(input.UserName(), input.AccessKeyId(), input.Active()));
        return null;
    }

    private async Task<IEnumerable<XElement>?> DeleteAccessKeyAsync(IamInput input)
    {
        Value(await Directory.DeleteAccessKey(input.UserName(), input.AccessKeyId()));
        return null;
    }

    private async Task<IEnumerable<XElement>?> PutUserPolicyAsync(IamInput input)
    {
        Value(await Directory.PutUserPolicy(input.UserName(), input.PolicyName(), input.PolicyDocumentText()));
        return null;
    }

    private async Task<IEnumerable<XElement>?> GetUserPolicyAsync(IamInput input)
    {
        var userName = input.UserName();
        var policyName = input.PolicyName();
        var document = Value(await Directory.GetUserPolicy(userName, policyName));
        return
        [
            IamXml.Element("UserName", userName),
            IamXml.Element("PolicyName", policyName),
            // IAM returns the document URL-encoded (RFC 3986); SDKs leave decoding to the caller.
            IamXml.Element("PolicyDocument", Uri.EscapeDataString(document)),
        ];
    }

    private async Task<IEnumerable<XElement>?> DeleteUserPolicyAsync(IamInput input)
    {
        Value(await Directory.DeleteUserPolicy(input.UserName(), input.PolicyName()));
        return null;
    }

    private static T Value<T>(IamResult<T> result) => result.Error switch
    {
        IamErrorCode.None => result.Value!,
        IamErrorCode.NoSuchEntity => throw new IamQueryException(StatusCodes.Status404NotFound, "NoSuchEntity", result.Message!),
        IamErrorCode.EntityAlreadyExists => throw new IamQueryException(StatusCodes.Status409Conflict, "EntityAlreadyExists", result.Message!),
        IamErrorCode.DeleteConflict => throw new IamQueryException(StatusCodes.Status409Conflict, "DeleteConflict", result.Message!),
        IamErrorCode.LimitExceeded => throw new IamQueryException(StatusCodes.Status409Conflict, "LimitExceeded", result.Message!),
        _ => throw new IamQueryException(StatusCodes.Status500InternalServerError, "ServiceFailure", "An internal error occurred."),
    };
}

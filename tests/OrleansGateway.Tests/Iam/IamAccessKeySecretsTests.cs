using System.Security.Cryptography;
using System.Text;
using OrleansGateway.Edge.ApiKeys;
using OrleansGateway.Edge.Iam;

// Not "OrleansGateway.Tests.Iam": that namespace would hide the policy tests' static Iam(...) request builder.
namespace OrleansGateway.Tests.IamTests;

/// <summary>Access key ids and secrets as IAM makes them, and the sealing that keeps secrets out of storage.</summary>
public sealed class IamAccessKeySecretsTests
{
    private static readonly byte[] GatewaySecret = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void New_ids_and_secrets_have_iams_shape_and_do_not_repeat()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => IamAccessKeySecrets.NewAccessKeyId()).ToList();
        var secrets = Enumerable.Range(0, 200).Select(_ => IamAccessKeySecrets.NewSecret()).ToList();

        Assert.All(ids, id => Assert.Matches("^AKIA[A-Z2-7]{16}$", id));
        Assert.All(secrets, secret => Assert.Matches("^[A-Za-z0-9+/]{40}$", secret));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Fact]
    public void A_sealed_secret_holds_no_plaintext_and_opens_only_for_its_own_key_under_the_same_gateway_secret()
    {
        var secrets = new IamAccessKeySecrets(new ApiKeyValueCipher(GatewaySecret));
        var secret = IamAccessKeySecrets.NewSecret();

        var sealedSecret = secrets.Seal("AKIAAAAAAAAAAAAAAAA1", secret);

        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(sealedSecret), StringComparison.Ordinal);
        Assert.Equal(secret, secrets.Open("AKIAAAAAAAAAAAAAAAA1", sealedSecret));
        Assert.Null(secrets.Open("AKIAAAAAAAAAAAAAAAA2", sealedSecret));
        Assert.Null(new IamAccessKeySecrets(new ApiKeyValueCipher(RandomNumberGenerator.GetBytes(32))).Open("AKIAAAAAAAAAAAAAAAA1", sealedSecret));
        // Bound to IAM: the same bytes are not an API key value for a key with that id.
        Assert.Null(new ApiKeyValueCipher(GatewaySecret).Decrypt("AKIAAAAAAAAAAAAAAAA1", sealedSecret));
    }
}

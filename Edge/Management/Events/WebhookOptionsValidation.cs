using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.Management.Events;

/// <summary>Rejects unusable webhook settings at start, without echoing the signing key.</summary>
internal sealed class WebhookOptionsValidation : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.SigningKey) && options.SigningKey.Length < 32)
        {
            failures.Add("Gateway:Events:SigningKey must be at least 32 characters.");
        }
        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add("Gateway:Events:MaxAttempts must be between 1 and 10.");
        }
        if (options.AttemptTimeoutSeconds is < 1 or > 60)
        {
            failures.Add("Gateway:Events:AttemptTimeoutSeconds must be between 1 and 60.");
        }
        if (options.QueueCapacity is < 1 or > 100_000)
        {
            failures.Add("Gateway:Events:QueueCapacity must be between 1 and 100000.");
        }
        if (options.RetryDelayMilliseconds is < 1 or > 60_000)
        {
            failures.Add("Gateway:Events:RetryDelayMilliseconds must be between 1 and 60000.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

namespace OrleansGateway.Grains.Interfaces.Iam;

/// <summary>IAM's error codes for what the directory refuses (the edge adds the HTTP status).</summary>
public enum IamErrorCode
{
    /// <summary>No error.</summary>
    None,
    /// <summary>404: the user, key or policy does not exist.</summary>
    NoSuchEntity,
    /// <summary>409: a user with that name exists.</summary>
    EntityAlreadyExists,
    /// <summary>409: the user still has access keys or policies.</summary>
    DeleteConflict,
    /// <summary>409: too many users, keys per user, or policy characters per user.</summary>
    LimitExceeded,
}

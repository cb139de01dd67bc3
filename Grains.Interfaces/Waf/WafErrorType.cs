namespace OrleansGateway.Grains.Interfaces.Waf;

/// <summary>The WAFv2 errors the directory raises; the wire name is <c>WAF{name}Exception</c>.</summary>
[GenerateSerializer, Alias("og.WafErrorType")]
public enum WafErrorType
{
    /// <summary>WAFNonexistentItemException: no such entity, or a referenced one does not exist.</summary>
    NonexistentItem = 0,

    /// <summary>WAFDuplicateItemException: the name is taken for that kind.</summary>
    DuplicateItem = 1,

    /// <summary>WAFOptimisticLockException: the lock token is stale.</summary>
    OptimisticLock = 2,

    /// <summary>WAFAssociatedItemException: the entity is referenced or associated.</summary>
    AssociatedItem = 3,

    /// <summary>WAFInvalidParameterException: a parameter is invalid.</summary>
    InvalidParameter = 4,

    /// <summary>WAFLimitsExceededException: a count or size bound was hit.</summary>
    LimitsExceeded = 5,
}

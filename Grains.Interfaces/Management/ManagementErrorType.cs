namespace OrleansGateway.Grains.Interfaces.Management;

/// <summary>The management API's error names (the <c>x-amzn-ErrorType</c> header) and their status codes.</summary>
public enum ManagementErrorType
{
    /// <summary>400 BadRequestException.</summary>
    BadRequest,
    /// <summary>404 NotFoundException.</summary>
    NotFound,
    /// <summary>409 ConflictException.</summary>
    Conflict,
    /// <summary>429 TooManyRequestsException.</summary>
    TooManyRequests,
    /// <summary>429 LimitExceededException.</summary>
    LimitExceeded,
    /// <summary>401 UnauthorizedException.</summary>
    Unauthorized,
    /// <summary>400 ValidationException (enum and shape violations).</summary>
    Validation,
}

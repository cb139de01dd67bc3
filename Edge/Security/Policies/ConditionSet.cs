namespace OrleansGateway.Edge.Security.Policies;

/// <summary>The set qualifier of a multi-valued condition.</summary>
internal enum ConditionSet
{
    None,
    ForAnyValue,
    ForAllValues,
}

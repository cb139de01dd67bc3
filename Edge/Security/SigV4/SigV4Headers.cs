namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>
/// A request's headers as the SigV4 verifier sees them: names compared case-insensitively, each
/// name holding every value in the order received (repeated header lines are signed joined by
/// commas, in that order).
/// </summary>
public sealed class SigV4Headers
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Appends one value of <paramref name="name"/>, after the values already added.</summary>
    public void Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!_values.TryGetValue(name, out var values))
        {
            values = [];
            _values.Add(name, values);
        }

        values.Add(value);
    }

    /// <summary>Every value of <paramref name="name"/> in order; empty when the header is absent.</summary>
    public IReadOnlyList<string> GetValues(string name) =>
        _values.TryGetValue(name, out var values) ? values : [];
}

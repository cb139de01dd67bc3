namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>One SQL token: its kind and where its text is in the input (offsets, so tokenizing allocates nothing).</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, bool IsStrongName = false)
{
    /// <summary>The token's text in <paramref name="input"/>.</summary>
    public ReadOnlySpan<char> Text(ReadOnlySpan<char> input) => input.Slice(Start, Length);

    /// <summary>True when the token's text is <paramref name="word"/>, ignoring case.</summary>
    public bool Is(ReadOnlySpan<char> input, string word) =>
        Text(input).Equals(word, StringComparison.OrdinalIgnoreCase);
}

using System.Buffers;

namespace OrleansGateway.Edge.DataPlane.Waf.Detection;

/// <summary>
/// The detectors' shared shortcut for the commonest benign value: one made only of lower-case ASCII letters,
/// digits, spaces and <c>- . , : _ @</c> (a JSON key, a name, a date, an id, an e-mail address once the core
/// rules' chain has lowercased it). Such a value holds no markup, quote, separator, escape or path step, so it
/// can only hold the signatures that are themselves plain; each detector searches those few first and runs its
/// full check only when one is there (and on every value that is not plain).
/// </summary>
internal static class PlainValue
{
    private const string Characters = "abcdefghijklmnopqrstuvwxyz0123456789 -.,:_@";

    private static readonly SearchValues<char> Allowed = SearchValues.Create(Characters);

    /// <summary>The shape of <paramref name="value"/> without the signature search (<see cref="ValueShape.Plain"/> or <see cref="ValueShape.Other"/>).</summary>
    public static ValueShape ShapeOf(ReadOnlySpan<char> value) => Is(value) ? ValueShape.Plain : ValueShape.Other;

    /// <summary>True when <paramref name="value"/> is made only of the plain characters (one vectorised scan).</summary>
    public static bool Is(ReadOnlySpan<char> value) => value.IndexOfAnyExcept(Allowed) < 0;

    /// <summary>
    /// The <paramref name="signatures"/> a plain value can contain (searched case-insensitively, as the detectors
    /// search them): those that are plain once lower-cased. The signature lists are ASCII (a test holds them to it),
    /// so no other character folds to a plain one.
    /// </summary>
    public static string[] Subset(IEnumerable<string> signatures) =>
        [.. signatures.Select(signature => signature.ToLowerInvariant()).Where(signature => Is(signature)).Distinct(StringComparer.Ordinal)];
}

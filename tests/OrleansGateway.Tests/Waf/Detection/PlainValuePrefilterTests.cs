using System.Text;
using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Tests.Waf.Detection;

/// <summary>
/// The detectors answer a plain value (lower-case letters, digits, spaces and <c>- . , : _ @</c>) with a shortcut:
/// XSS, command injection, path traversal and known bad inputs search only the few signatures a plain value can
/// hold; SQL injection passes a plain value whose tokens are all inert without running its rules. These hold each
/// shortcut to the full checks' verdict: on every signature of every list (so a signature added to a list is
/// covered or fails here), every command name, every SQL vocabulary word, and every value of the public corpora
/// and every plain piece of those values.
/// </summary>
public sealed class PlainValuePrefilterTests
{
    // Each detector three ways: as a caller outside the engine calls it, as the core rules call it (with the shape
    // worked out once for all detectors), and with no shortcut at all.
    private sealed record Detector(string Name, Func<string, bool> WithShortcut, Func<string, ValueShape, bool> WithShape, Func<string, bool> Unfiltered);

    private static readonly Detector[] Detectors =
    [
        new("XSS", value => CrossSiteScriptingDetector.IsCrossSiteScripting(value), (value, shape) => CrossSiteScriptingDetector.IsCrossSiteScripting(value, shape),
            value => CrossSiteScriptingDetector.IsCrossSiteScriptingUnfiltered(value)),
        new("command injection", value => CommandInjectionDetector.IsCommandInjection(value), (value, shape) => CommandInjectionDetector.IsCommandInjection(value, shape),
            value => CommandInjectionDetector.IsCommandInjectionUnfiltered(value)),
        new("path traversal", value => PathTraversalDetector.IsPathTraversal(value), (value, shape) => PathTraversalDetector.IsPathTraversal(value, shape),
            value => PathTraversalDetector.IsPathTraversalUnfiltered(value)),
        new("known bad input", value => KnownBadInputDetector.IsKnownBadInput(value), (value, shape) => KnownBadInputDetector.IsKnownBadInput(value, shape),
            value => KnownBadInputDetector.IsKnownBadInputUnfiltered(value)),
        new("SQLi", value => SqlInjectionDetector.IsSqlInjection(value, highSensitivity: false), (value, shape) => SqlInjectionDetector.IsSqlInjection(value, shape, highSensitivity: false),
            value => SqlInjectionDetector.IsSqlInjectionUnfiltered(value, highSensitivity: false)),
        new("SQLi (high)", value => SqlInjectionDetector.IsSqlInjection(value, highSensitivity: true), (value, shape) => SqlInjectionDetector.IsSqlInjection(value, shape, highSensitivity: true),
            value => SqlInjectionDetector.IsSqlInjectionUnfiltered(value, highSensitivity: true)),
    ];

    private static IEnumerable<string> AllSignatures() =>
    [
        .. HtmlVocabulary.ScriptFragmentSignatures, .. HtmlVocabulary.ObfuscationMarkerSignatures,
        .. CommandInjectionDetector.ShellFragmentSignatures, .. ShellSyntax.BatchKeywordNames,
        .. PathTraversalDetector.TraversalStepSignatures, .. PathTraversalDetector.SensitiveFileSignatures,
        .. KnownBadInputDetector.SignatureList,
    ];

    public static TheoryData<string> Signatures() => [.. AllSignatures().Distinct(StringComparer.Ordinal)];

    [Fact]
    public void Signature_lists_are_ascii_so_no_other_character_folds_to_a_plain_one() =>
        Assert.All(AllSignatures(), signature => Assert.True(Ascii.IsValid(signature), signature));

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Every_signature_gets_the_full_checks_verdict_alone_and_inside_plain_text(string signature)
    {
        var lower = signature.ToLowerInvariant();
        string[] values = [signature, lower, signature.ToUpperInvariant(), $"order {lower} 12", $"x{lower}y", $"  {lower}", $"@{lower} -la"];
        foreach (var detector in Detectors)
        {
            foreach (var value in values)
            {
                Assert.False(Mismatches(value, detector), $"{detector.Name}: '{value}'");
            }
        }
    }

    [Fact]
    public void Every_command_name_gets_the_full_checks_verdict_as_a_plain_value()
    {
        var mismatches = new List<string>();
        foreach (var name in ShellCommands.Names)
        {
            var lower = name.ToLowerInvariant();
            string[] values =
            [
                lower, $" {lower}", $"{lower} -la", $"{lower} --help", $"{lower} 10", $"{lower} 127.0.0.1", $"{lower} c:", $"{lower}-x",
                $"sudo {lower}", $"time -p {lower}", $"nohup {lower} -x", $"@{lower}", $"blue {lower} widget", $"{lower}.exe", $"{lower}.exe -x",
            ];
            mismatches.AddRange(values.Where(value => Mismatches(value, Detectors[1])).Select(value => $"'{value}'"));
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Every_sql_word_gets_the_full_checks_verdict_in_plain_values()
    {
        var mismatches = new List<string>();
        foreach (var word in SqlKeywords.AllWords)
        {
            var lower = word.ToLowerInvariant();
            string[] values =
            [
                lower, $"1 {lower}", $"{lower} 1", $"1 {lower} 1", $"x {lower} y", $"1 {lower} x, y", $"x-{lower}-1", $"1 -{lower} 2 -- x",
                $"{lower}.x", $"x.{lower}", $"{lower} by 1", $"@{lower}", $"1 {lower} @@version", $"{lower} mode", $"boolean {lower}",
            ];
            mismatches.AddRange(values.SelectMany(value => Detectors[4..].Where(detector => Mismatches(value, detector)).Select(detector => $"{detector.Name}: '{value}'")));
        }
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("1 union select 1,2")]
    [InlineData("1 and 1 -- x")]
    [InlineData("information_schema.tables")]
    [InlineData("in boolean mode")]
    [InlineData("x boolean mode")]
    public void Plain_sql_injections_are_still_detected(string value)
    {
        Assert.True(PlainValue.Is(value), value);
        Assert.True(SqlInjectionDetector.IsSqlInjection(value, highSensitivity: true), value);
    }

    [Fact]
    public void Every_corpus_value_and_its_plain_pieces_get_the_full_checks_verdict()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in WafCorpora.Libinjection().Concat(WafCorpora.HttpParams()).Concat(CrsRegressionCorpus.Samples()))
        {
            foreach (var value in sample.Values)
            {
                values.Add(value);
                foreach (var piece in PlainPieces(value))
                {
                    values.Add(piece);
                }
            }
        }
        var mismatches = new List<string>();
        foreach (var value in values)
        {
            mismatches.AddRange(Detectors.Where(detector => Mismatches(value, detector)).Select(detector => $"{detector.Name}: '{value}'"));
        }
        Assert.True(values.Count > 10_000, $"only {values.Count} values");
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("whoami")]
    [InlineData("ls -la")]
    [InlineData("  uname -a")]
    [InlineData("powershell -nop -w hidden")]
    [InlineData("sudo whoami")]
    [InlineData("xp_cmdshell")]
    public void Plain_command_injections_are_still_detected(string value)
    {
        Assert.True(PlainValue.Is(value), value);
        Assert.True(CommandInjectionDetector.IsCommandInjection(value), value);
    }

    [Theory]
    [InlineData("string.fromcharcode")]
    [InlineData("new function")]
    [InlineData("document.cookie")]
    public void Plain_script_fragments_are_still_detected(string value)
    {
        Assert.True(PlainValue.Is(value), value);
        Assert.True(CrossSiteScriptingDetector.IsCrossSiteScripting(value), value);
    }

    [Theory]
    [InlineData("id_rsa")]
    [InlineData(".bash_history")]
    [InlineData("boot.ini")]
    [InlineData("app.env")]
    public void Plain_sensitive_file_names_are_still_detected(string value)
    {
        Assert.True(PlainValue.Is(value), value);
        Assert.True(PathTraversalDetector.IsPathTraversal(value), value);
    }

    [Theory]
    [InlineData("class.module.classloader.resources")]
    [InlineData("ro0abxnyahjv")]
    public void Plain_known_bad_inputs_are_still_detected(string value)
    {
        Assert.True(PlainValue.Is(value), value);
        Assert.True(KnownBadInputDetector.IsKnownBadInput(value), value);
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("jo.bloggs@example.com")]
    [InlineData("2025-03-14t09:26:53z")]
    [InlineData("web-4.18.2")]
    [InlineData("red gadget, deluxe")]
    public void Ordinary_plain_values_take_the_shortcut_and_pass(string value)
    {
        Assert.True(PlainValue.Is(value), value);
        Assert.Equal(ValueShape.PlainWithoutSignature, PlainSignatures.ShapeOf(value));
        Assert.All(Detectors, detector => Assert.False(detector.WithShortcut(value), $"{detector.Name}: '{value}'"));
    }

    [Theory]
    [InlineData("Customer")]
    [InlineData("a/b")]
    [InlineData("x=1")]
    [InlineData("it's")]
    [InlineData("caf\u00e9")]
    public void Values_with_upper_case_or_other_characters_are_not_plain(string value) =>
        Assert.False(PlainValue.Is(value), value);

    private static bool Mismatches(string value, Detector detector)
    {
        var expected = detector.Unfiltered(value);
        return detector.WithShortcut(value) != expected || detector.WithShape(value, PlainSignatures.ShapeOf(value)) != expected;
    }

    // The runs of plain characters in the value, lower-cased: what a plain value made of attack text looks like.
    private static IEnumerable<string> PlainPieces(string value)
    {
        var lower = value.ToLowerInvariant();
        var piece = new StringBuilder();
        foreach (var c in lower)
        {
            if (PlainValue.Is([c]))
            {
                piece.Append(c);
                continue;
            }
            if (piece.Length > 0)
            {
                yield return piece.ToString();
                piece.Clear();
            }
        }
        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }
}

using System.Globalization;
using Microsoft.VisualBasic.FileIO;
using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Waf.Detection;

/// <summary>Reads the labelled WAF corpora in ../shared/conformance/waf (see its PROVENANCE.md for the formats).</summary>
public static class WafCorpora
{
    /// <summary>The corpus folder, beside the repository as on the developers' machines and in CI.</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "conformance", "waf"));

    /// <summary>libinjection's data files: sqli-*, xss-* (attacks) and false_positives.txt (benign, all categories).</summary>
    public static IEnumerable<WafCorpusSample> Libinjection()
    {
        var folder = Path.Combine(Root, "libinjection-data");
        foreach (var file in Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            (WafCategory Category, bool Attack)? label = name switch
            {
                _ when name.StartsWith("sqli-", StringComparison.Ordinal) => (WafCategory.SqlInjection, true),
                _ when name.StartsWith("xss-", StringComparison.Ordinal) => (WafCategory.CrossSiteScripting, true),
                "false_positives.txt" => (WafCategory.SqlInjection, false),
                _ => null,
            };
            if (label is null)
            {
                continue;
            }
            foreach (var line in File.ReadLines(file))
            {
                // Upstream's reader: skip blank and # lines, right-trim, then URL-decode.
                var trimmed = line.TrimEnd();
                if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                {
                    continue;
                }
                var decoded = CoreRuleTransforms.UrlDecode(trimmed);
                yield return new WafCorpusSample("libinjection", name, label.Value.Category, label.Value.Attack, 1, [CoreRuleTransforms.Apply(decoded)]);
            }
        }
    }

    /// <summary>HttpParamsDataset's payload_full.csv: raw parameter values labelled sqli, xss, path-traversal, cmdi or norm.</summary>
    public static IEnumerable<WafCorpusSample> HttpParams()
    {
        using var parser = new TextFieldParser(Path.Combine(Root, "httpparams-dataset", "payload_full.csv"))
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        parser.ReadFields();
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields();
            if (fields is null || fields.Length < 4)
            {
                continue;
            }
            var category = fields[2] switch
            {
                "sqli" => WafCategory.SqlInjection,
                "xss" => WafCategory.CrossSiteScripting,
                "path-traversal" => WafCategory.PathTraversal,
                "cmdi" => WafCategory.CommandInjection,
                _ => (WafCategory?)null,
            };
            var attack = fields[3] == "anom";

            // FuzzDB's traversal templates name the target file {file}; its generator substitutes a file, as an attacker would.
            var payload = fields[0].Replace("{file}", "etc/passwd", StringComparison.Ordinal);
            yield return new WafCorpusSample("httpparams", fields[2], category ?? WafCategory.SqlInjection, attack, 1, [CoreRuleTransforms.Apply(payload)]);
        }
    }

    /// <summary>CRS paranoia level per rule id, from crs-regression-tests/MANIFEST.csv.</summary>
    public static IReadOnlyDictionary<string, int> CrsParanoiaLevels()
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Root, "crs-regression-tests", "MANIFEST.csv")).Skip(1))
        {
            var fields = line.Split(',');
            levels[fields[0]] = int.Parse(fields[3], CultureInfo.InvariantCulture);
        }
        return levels;
    }
}

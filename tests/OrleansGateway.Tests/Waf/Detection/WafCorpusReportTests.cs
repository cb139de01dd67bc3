using System.Globalization;
using System.Text;
using OrleansGateway.Edge.DataPlane.Waf.Detection;
using Xunit.Abstractions;

namespace OrleansGateway.Tests.Waf.Detection;

/// <summary>
/// The corpus report of docs/waf.md as a test: detection and false-positive rates of each detector on the
/// public corpora in ../shared/conformance/waf, with the targets asserted.
/// </summary>
public sealed class WafCorpusReportTests(ITestOutputHelper output)
{
    private static readonly Dictionary<WafCategory, double> DetectionTargets = new()
    {
        [WafCategory.SqlInjection] = 0.95,
        [WafCategory.CrossSiteScripting] = 0.90,
        [WafCategory.PathTraversal] = 0.90,
        [WafCategory.CommandInjection] = 0.90,
    };

    private const double FalsePositiveCeiling = 0.01;

    [Fact]
    public void Detectors_meet_the_detection_and_false_positive_targets_on_the_public_corpora()
    {
        var samples = WafCorpora.Libinjection().Concat(WafCorpora.HttpParams()).Concat(CrsRegressionCorpus.Samples()).ToList();
        var benignValueSets = samples.Where(s => !s.IsAttack && s.Corpus != "crs").ToList();
        var report = new StringBuilder();
        var misses = new StringBuilder();
        var failures = new List<string>();

        report.AppendLine("| category | corpus | subset | samples | detected | rate |");
        report.AppendLine("| --- | --- | --- | ---: | ---: | ---: |");
        foreach (var category in Enum.GetValues<WafCategory>())
        {
            var attacks = samples.Where(s => s.IsAttack && s.Category == category).ToList();
            var detectedTargeted = 0;
            var targeted = 0;
            foreach (var group in attacks.GroupBy(s => (s.Corpus, Subset: Group(s))).OrderBy(g => g.Key.Corpus, StringComparer.Ordinal).ThenBy(g => g.Key.Subset, StringComparer.Ordinal))
            {
                var detected = 0;
                foreach (var sample in group)
                {
                    if (Detects(category, sample))
                    {
                        detected++;
                    }
                    else
                    {
                        misses.Append("MISS\t").Append(category).Append('\t').Append(sample.Subset).Append('\t').AppendJoin(" || ", sample.Values).AppendLine();
                    }
                }
                var count = group.Count();
                if (group.Key.Corpus != "crs" || group.First().ParanoiaLevel == 1)
                {
                    targeted += count;
                    detectedTargeted += detected;
                }
                Row(report, category, group.Key.Corpus, group.Key.Subset, count, detected);
            }

            // Benign: libinjection's false positives, HttpParams' normal values, and CRS's must-not-trigger tests of this category.
            var benign = benignValueSets.Concat(samples.Where(s => !s.IsAttack && s.Corpus == "crs" && s.Category == category)).ToList();
            var falsePositives = 0;
            foreach (var group in benign.GroupBy(s => (s.Corpus, Subset: s.Corpus == "crs" ? "must-not-trigger" : s.Subset)))
            {
                var flagged = 0;
                foreach (var sample in group)
                {
                    if (Detects(category, sample))
                    {
                        flagged++;
                        misses.Append("FP\t").Append(category).Append('\t').Append(sample.Subset).Append('\t').AppendJoin(" || ", sample.Values).AppendLine();
                    }
                }
                falsePositives += flagged;
                Row(report, category, group.Key.Corpus, "benign: " + group.Key.Subset, group.Count(), flagged);
            }

            var detectionRate = targeted == 0 ? 1 : (double)detectedTargeted / targeted;
            var falsePositiveRate = (double)falsePositives / benign.Count;
            report.Append(CultureInfo.InvariantCulture, $"| **{category}** | all | **targeted attacks (CRS at PL1)** | {targeted} | {detectedTargeted} | **{detectionRate:P2}** |").AppendLine();
            report.Append(CultureInfo.InvariantCulture, $"| **{category}** | all | **benign (false positives)** | {benign.Count} | {falsePositives} | **{falsePositiveRate:P2}** |").AppendLine();
            if (DetectionTargets.TryGetValue(category, out var target) && detectionRate < target)
            {
                failures.Add($"{category}: detection {detectionRate:P2} < {target:P0}");
            }
            if (DetectionTargets.ContainsKey(category) && falsePositiveRate > FalsePositiveCeiling)
            {
                failures.Add($"{category}: false positives {falsePositiveRate:P2} > {FalsePositiveCeiling:P0}");
            }
        }

        output.WriteLine(report.ToString());
        var dump = Environment.GetEnvironmentVariable("WAF_CORPUS_REPORT");
        if (!string.IsNullOrEmpty(dump))
        {
            File.WriteAllText(dump, report.ToString());
            File.WriteAllText(dump + ".misses", misses.ToString());
        }
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    private static string Group(WafCorpusSample sample) => sample.Corpus == "crs" ? "PL" + sample.ParanoiaLevel : sample.Subset;

    private static void Row(StringBuilder report, WafCategory category, string corpus, string subset, int count, int detected) =>
        report.Append(CultureInfo.InvariantCulture, $"| {category} | {corpus} | {subset} | {count} | {detected} | {(count == 0 ? 0 : (double)detected / count):P2} |").AppendLine();

    private static bool Detects(WafCategory category, WafCorpusSample sample)
    {
        foreach (var value in sample.Values)
        {
            var hit = category switch
            {
                WafCategory.SqlInjection => SqlInjectionDetector.IsSqlInjection(value, highSensitivity: false),
                WafCategory.CrossSiteScripting => CrossSiteScriptingDetector.IsCrossSiteScripting(value),
                WafCategory.PathTraversal => PathTraversalDetector.IsPathTraversal(value),
                WafCategory.CommandInjection => CommandInjectionDetector.IsCommandInjection(value),
                _ => KnownBadInputDetector.IsKnownBadInput(value),
            };
            if (hit)
            {
                return true;
            }
        }
        return false;
    }
}

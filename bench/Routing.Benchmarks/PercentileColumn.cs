using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OrleansGateway.Routing.Benchmarks;

/// <summary>
/// A percentile of the per-operation time over the measured iterations: each iteration's time
/// divided by the operations it ran (for the routing benchmark, by the paths it matched), then the
/// percentile across iterations. BenchmarkDotNet's built-in percentile columns stop at P95; the
/// routing target is stated as a P99.
/// </summary>
public sealed class PercentileColumn : IColumn
{
    /// <summary>The 99th percentile.</summary>
    public static PercentileColumn P99 { get; } = new(99);

    private readonly int _percentile;

    private PercentileColumn(int percentile)
    {
        _percentile = percentile;
        ColumnName = "P" + percentile.ToString(CultureInfo.InvariantCulture);
        Legend = $"{percentile}th percentile of the per-iteration time per operation (ns)";
    }

    /// <inheritdoc />
    public string Id => nameof(PercentileColumn) + "." + ColumnName;

    /// <inheritdoc />
    public string ColumnName { get; }

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Statistics;

    /// <inheritdoc />
    public int PriorityInCategory => 10;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Time;

    /// <inheritdoc />
    public string Legend { get; }

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null)
        {
            return "NA";
        }
        // Always nanoseconds: every operation measured here is well under a millisecond, and one
        // unit keeps the column comparable across rows and runs.
        var nanoseconds = statistics.Percentiles.Percentile(_percentile);
        return nanoseconds.ToString("N1", CultureInfo.InvariantCulture) + (style.PrintUnitsInContent ? " ns" : "");
    }

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace TokenVersioning.Benchmarks;

/// <summary>Mean of each row divided by the mean of one named row of the same run.</summary>
public sealed class RatioColumn(string method, string header) : IColumn
{
    public string Id => $"RatioTo{method}";
    public string ColumnName => header;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"Mean divided by the mean of {method} in the same run";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var baseline = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
        var mine = summary[benchmarkCase];
        if (baseline?.ResultStatistics is null || mine?.ResultStatistics is null) return "?";
        return (mine.ResultStatistics.Mean / baseline.ResultStatistics.Mean).ToString("0.00") + "x";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

using System.Globalization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Tests.Tuning;

/// <summary>The Iranian telecom churn dataset (tests/HealthScore.Core.Tests/Data, CC BY 4.0) as snapshots for a model.</summary>
internal static class TelecomChurnData
{
    // Model metric id → dataset column (three column names contain double spaces, as published).
    private static readonly (string Metric, string Column)[] Columns =
    [
        ("seconds_of_use", "Seconds of Use"),
        ("frequency_of_use", "Frequency of use"),
        ("frequency_of_sms", "Frequency of SMS"),
        ("distinct_called_numbers", "Distinct Called Numbers"),
        ("complains", "Complains"),
        ("call_failure", "Call  Failure"),
        ("subscription_length", "Subscription  Length"),
        ("charge_amount", "Charge  Amount"),
        ("customer_value", "Customer Value"),
    ];

    public static (double[] Values, bool[] Churned, double[] CustomerValue) Load(HealthModel model)
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot(), "tests", "HealthScore.Core.Tests", "Data", "iranian-churn.csv"));
        var header = lines[0].Split(',');
        var churnColumn = Array.IndexOf(header, "Churn");
        var valueColumn = Array.IndexOf(header, "Customer Value");
        var rows = lines.Length - 1;
        var values = new double[rows * model.Metrics.Count];
        values.AsSpan().Fill(double.NaN);
        var churned = new bool[rows];
        var customerValue = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var cells = lines[r + 1].Split(',');
            foreach (var (metric, column) in Columns)
            {
                if (model.TryGetMetric(metric, out var m))
                {
                    values[(r * model.Metrics.Count) + m.Index] = double.Parse(cells[Array.IndexOf(header, column)], CultureInfo.InvariantCulture);
                }
            }

            churned[r] = cells[churnColumn] == "1";
            customerValue[r] = double.Parse(cells[valueColumn], CultureInfo.InvariantCulture);
        }

        return (values, churned, customerValue);
    }
}

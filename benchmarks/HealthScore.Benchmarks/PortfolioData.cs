using HealthScore.Core.Model;

namespace HealthScore.Benchmarks;

/// <summary>Deterministic portfolios for the realistic model: row-major metric values with some missing (NaN) values.</summary>
public static class PortfolioData
{
    /// <summary>Creates <paramref name="accounts"/> accounts, one row of <see cref="HealthModel.Metrics"/> values each.</summary>
    /// <param name="model">The realistic model (<see cref="BenchmarkModels.Realistic"/>).</param>
    /// <param name="accounts">How many accounts.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The values, account after account.</returns>
    public static double[] Create(HealthModel model, int accounts, int seed = 11)
    {
        var metricCount = model.Metrics.Count;
        var values = new double[accounts * metricCount];
        var random = new Random(seed);
        var index = new int[12];
        string[] ids = ["active_days", "logins_per_week", "feature_breadth", "seat_utilisation", "tickets", "open_critical", "days_to_resolve", "nps", "csat", "response_rate", "touches", "days_since_exec"];
        for (var k = 0; k < ids.Length; k++)
        {
            index[k] = model.GetMetric(ids[k]).Index;
        }

        for (var a = 0; a < accounts; a++)
        {
            var row = values.AsSpan(a * metricCount, metricCount);
            row[index[0]] = random.Next(0, 26);
            row[index[1]] = random.NextDouble() * 8;
            row[index[2]] = random.NextDouble();
            row[index[3]] = random.NextDouble() * 1.2;
            row[index[4]] = random.Next(0, 16);
            row[index[5]] = random.Next(0, 4);
            row[index[6]] = random.NextDouble() * 35; // outside [1, 30] the bounded function treats it as missing
            row[index[7]] = random.Next(10) == 0 ? double.NaN : random.Next(-100, 101);
            row[index[8]] = random.Next(10) == 0 ? double.NaN : 1 + (random.NextDouble() * 4);
            row[index[9]] = random.Next(20) == 0 ? double.NaN : random.NextDouble() * 0.6;
            row[index[10]] = random.Next(20) == 0 ? double.NaN : random.Next(0, 15);
            row[index[11]] = random.Next(20) == 0 ? double.NaN : random.NextDouble() * 200;
        }

        return values;
    }
}

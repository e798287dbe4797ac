using System.Globalization;
using DuckDB.NET.Data;
using HealthScore.Core.Model;

namespace HealthScore.Benchmarks;

/// <summary>
/// The realistic model's scores in its default (adoption) phase computed by DuckDB with one SQL query over an
/// in-memory table holding one row per account and one DOUBLE column per metric (missing values are NULL).
/// </summary>
public sealed class DuckDbScorer : IDisposable
{
    private readonly DuckDBConnection _connection;

    /// <summary>Creates an in-memory database and loads the accounts with the Appender API.</summary>
    /// <param name="model">The realistic model.</param>
    /// <param name="values">The accounts' values, row-major in the model's metric order.</param>
    /// <param name="threads">DuckDB's worker threads.</param>
    public DuckDbScorer(HealthModel model, double[] values, int threads)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(values);
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        var columns = string.Join(", ", model.Metrics.Select(m => m.Id + " DOUBLE"));
        Execute($"SET threads = {threads}");
        Execute($"CREATE TABLE accounts (id INTEGER, {columns})");
        var metricCount = model.Metrics.Count;
        using (var appender = _connection.CreateAppender("accounts"))
        {
            for (var a = 0; a < values.Length / metricCount; a++)
            {
                var row = appender.CreateRow().AppendValue(a);
                for (var m = 0; m < metricCount; m++)
                {
                    var v = values[(a * metricCount) + m];
                    row = double.IsFinite(v) ? row.AppendValue(v) : row.AppendNullValue();
                }

                row.EndRow();
            }
        }
    }

    /// <summary>
    /// Gets the query: per-metric normalisation (CASE, GREATEST, LEAST, EXP), weighted means over the present
    /// metrics (a missing metric is NULL, contributing neither value nor weight; CSAT counts as 0.5 when missing),
    /// the engagement group's minimum, the weighted mean of the present groups, scaled to 0–100 (unrounded).
    /// </summary>
    public static string ScoreExpression { get; } = BuildScoreExpression();

    /// <summary>Computes every account's unrounded score and returns their sum (the benchmarked query).</summary>
    /// <returns>The sum of the scores.</returns>
    public double SumOfScores()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT SUM({ScoreExpression}) FROM accounts";
        return Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Computes every account's unrounded score, in account order (NaN where there is no score).</summary>
    /// <returns>The scores.</returns>
    public double[] Scores()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {ScoreExpression} AS score FROM accounts ORDER BY id";
        using var reader = command.ExecuteReader();
        var scores = new List<double>();
        while (reader.Read())
        {
            scores.Add(reader.IsDBNull(0) ? double.NaN : reader.GetDouble(0));
        }

        return [.. scores];
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string D(double value) => "'" + value.ToString("R", CultureInfo.InvariantCulture) + "'::DOUBLE";

    // DuckDB's LEAST and GREATEST skip NULLs, so clamping uses CASE, which keeps a missing value NULL.
    private static string Clamp(string x) => $"(CASE WHEN ({x}) < {D(0)} THEN {D(0)} WHEN ({x}) > {D(1)} THEN {D(1)} ELSE ({x}) END)";

    private static string Linear(string column, double worst, double best) =>
        $"{Clamp($"({column} - {D(worst)}) * {D(1.0 / (best - worst))}")}";

    private static string WeightedMean(params (string Value, double Weight)[] parts)
    {
        var sum = string.Join(" + ", parts.Select(p => $"COALESCE({D(p.Weight)} * ({p.Value}), {D(0)})"));
        var weights = string.Join(" + ", parts.Select(p => $"CASE WHEN ({p.Value}) IS NULL THEN {D(0)} ELSE {D(p.Weight)} END"));
        return $"(({D(0)} + {sum}) / NULLIF({weights}, {D(0)}))";
    }

    private static string BuildScoreExpression()
    {
        var activeDays = Linear("active_days", 0, 20);
        var logins = Clamp($"{D(1)} / ({D(1)} + EXP(LEAST({D(-1.2)} * (logins_per_week - {D(3)}), {D(700)})))");
        var breadth = Clamp($"CASE WHEN feature_breadth <= {D(0)} THEN {D(0)} WHEN feature_breadth <= {D(0.2)} THEN {D(0)} + ((feature_breadth - {D(0)}) / ({D(0.2)} - {D(0)}) * ({D(0.5)} - {D(0)})) "
            + $"WHEN feature_breadth <= {D(0.6)} THEN {D(0.5)} + ((feature_breadth - {D(0.2)}) / ({D(0.6)} - {D(0.2)}) * ({D(1)} - {D(0.5)})) ELSE {D(1)} END");
        var seats = Clamp($"CASE WHEN seat_utilisation <= {D(0)} THEN {D(0)} ELSE LEAST(seat_utilisation / {D(0.8)}, {D(1)}) END");
        var tickets = Linear("tickets", 12, 0);
        var critical = $"CASE WHEN open_critical >= {D(2)} THEN {D(0)} WHEN open_critical >= {D(1)} THEN {D(0.3)} ELSE {D(1)} END";
        var resolve = $"CASE WHEN days_to_resolve < {D(1)} OR days_to_resolve > {D(30)} THEN NULL ELSE {Linear("days_to_resolve", 30, 1)} END";
        var nps = Linear("nps", -100, 100);
        var csat = $"COALESCE({Linear("csat", 1, 5)}, {D(0.5)})";
        var response = Linear("response_rate", 0, 0.5);
        var touches = Linear("touches", 0, 12);
        var exec = Linear("days_since_exec", 180, 14);

        var usage = WeightedMean((activeDays, 2), (logins, 1), (breadth, 1), (seats, 1));
        var support = WeightedMean((tickets, 1), (critical, 1), (resolve, 1));
        var satisfaction = WeightedMean((nps, 1), (csat, 1), (response, 1));
        var engagement = $"LEAST(COALESCE({touches}, {exec}), COALESCE({exec}, {touches}))";
        var root = WeightedMean((usage, 40), (support, 20), (satisfaction, 25), (engagement, 15));
        return $"({D(0)} + ({D(100)} * {Clamp(root)}))";
    }
}

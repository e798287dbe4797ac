using HealthScore.Core.Model;

namespace HealthScore.Cli.Input;

/// <summary>Which columns of a history file hold the outcome, the phase and the account value.</summary>
/// <param name="Outcome">The outcome column (1/0, true/false, yes/no or churned/retained).</param>
/// <param name="Phase">The phase column, or <see langword="null"/> for the model's default phase.</param>
/// <param name="Value">The account value column, or <see langword="null"/> for no value-weighted figures.</param>
/// <param name="ChurnedValues">The outcome labels that mean churned (e.g. <c>Attrited Customer</c>); any other label then means retained. Empty: the outcome is 1/0, true/false, yes/no or churned/retained.</param>
/// <param name="Profile">The profile column (profile ids or labels; blank = the default profile), or <see langword="null"/> when the file names no profiles.</param>
internal sealed record HistoryColumns(string Outcome = HistoryColumns.DefaultOutcome, string? Phase = null, string? Value = null, IReadOnlyList<string>? ChurnedValues = null, string? Profile = null)
{
    public const string DefaultOutcome = "churned";
}

/// <summary>Labelled snapshots read from a history file, laid out the way <c>ModelEvaluation.Evaluate</c> takes them.</summary>
internal sealed class History
{
    /// <summary>Gets the file's name (for messages).</summary>
    public required string File { get; init; }

    /// <summary>Gets the metric values, row after row, one value per metric in <c>model.Metrics</c> index order (NaN = missing).</summary>
    public required double[] Values { get; init; }

    /// <summary>Gets whether each snapshot's account churned.</summary>
    public required bool[] Churned { get; init; }

    /// <summary>Gets one phase per snapshot, or an empty array when the file has no phase column.</summary>
    public required Phase[] Phases { get; init; }

    /// <summary>Gets one account value per snapshot, or an empty array when no value column was named.</summary>
    public required double[] AccountValues { get; init; }

    /// <summary>Gets the account id column's name, or <see langword="null"/> when the file has none.</summary>
    public string? AccountIdColumn { get; init; }

    /// <summary>Gets the header's columns that are neither metrics nor the outcome, phase, value or id column, in file order.</summary>
    public required IReadOnlyList<string> IgnoredColumns { get; init; }

    /// <summary>Gets the model's metrics the file has no column for (all their values are missing).</summary>
    public required IReadOnlyList<Metric> MissingMetrics { get; init; }

    /// <summary>Gets one profile id per snapshot (empty text for the model's default profile), or an empty array when the history names no profiles.</summary>
    public string[] ProfileIds { get; init; } = [];

    /// <summary>Gets the number of snapshots.</summary>
    public int Rows => Churned.Length;

    /// <summary>The snapshots of one profile (an empty profile id counts as <paramref name="defaultProfile"/>), as a history of their own.</summary>
    public History OfProfile(string profileId, string defaultProfile, int metricCount)
    {
        var rows = Enumerable.Range(0, Rows).Where(r => ProfileIds.Length > 0 && (ProfileIds[r] == profileId || (ProfileIds[r].Length == 0 && profileId == defaultProfile))).ToArray();
        var values = new double[rows.Length * metricCount];
        for (var r = 0; r < rows.Length; r++)
        {
            Values.AsSpan(rows[r] * metricCount, metricCount).CopyTo(values.AsSpan(r * metricCount));
        }

        return new History
        {
            File = File, Values = values, Churned = [.. rows.Select(r => Churned[r])],
            Phases = Phases.Length == 0 ? [] : [.. rows.Select(r => Phases[r])],
            AccountValues = AccountValues.Length == 0 ? [] : [.. rows.Select(r => AccountValues[r])],
            AccountIdColumn = AccountIdColumn, IgnoredColumns = IgnoredColumns, MissingMetrics = MissingMetrics,
            ProfileIds = [.. rows.Select(r => ProfileIds[r])],
        };
    }
}

/// <summary>
/// Reads a history file: a header row, then one row per snapshot of an account, with an outcome column, one column
/// per metric and optional phase, account value and id (<c>account_id</c> or <c>id</c>) columns. Header names match
/// metric ids (or labels) and the named columns loosely: case, spaces, underscores and hyphens are ignored, so
/// <c>Seconds of Use</c> is the metric <c>seconds_of_use</c>. A column may be both a metric and the value column.
/// The file is read twice, a row at a time: once to count the rows, then into arrays of exactly that size. Only the
/// numbers the evaluation and the tuner use are kept: 8 bytes per metric per row, and about 17 bytes per row for the
/// outcome, the phase and the account value; no text of any row is kept.
/// </summary>
internal static class HistoryCsv
{
    private const string OutcomeValues = "1/0, true/false, yes/no or churned/retained";

    public static History Read(string path, HealthModel model, HistoryColumns columns) => Read(path, model, columns, CsvReading.Default);

    public static History Read(string path, HealthModel model, HistoryColumns columns, CsvReading reading)
    {
        var count = 0;
        using (var counting = CsvFile.Open(path, reading.Delimiter))
        {
            while (counting.Read())
            {
                count++;
            }
        }

        using var csv = CsvFile.Open(path, reading.Delimiter);
        var file = csv.Name;
        if (csv.Header.Count == 0)
        {
            throw new CliException($"{file}: the file is empty; expected a header row with an outcome column and metric columns.");
        }

        if (csv.Error is { } headerError)
        {
            throw new CliException($"{file} line 1: {headerError}");
        }

        var header = csv.Header;
        if (count == 0)
        {
            throw new CliException($"{file}: no rows after the header.");
        }

        var layout = Layout.Of(header, model, columns, file);
        var metricCount = model.Metrics.Count;
        var values = new double[count * metricCount];
        values.AsSpan().Fill(double.NaN);
        var churned = new bool[count];
        var phases = layout.Phase < 0 ? [] : new Phase[count];
        var profiles = layout.Profile < 0 ? [] : new string[count];
        var accountValues = layout.Value < 0 ? [] : new double[count];
        var churnedLabels = columns.ChurnedValues is { Count: > 0 } labels ? labels : null;
        var others = new SortedSet<string>(StringComparer.Ordinal);
        var anyChurned = false;
        for (var r = 0; r < count && csv.Read(); r++)
        {
            if (csv.Problem() is { } problem)
            {
                throw new CliException($"{file} line {csv.Line}: {problem}");
            }

            foreach (var (column, metric) in layout.Metrics)
            {
                if (!reading.IsMissing(csv[column]))
                {
                    values[(r * metricCount) + metric.Index] = metric.IsCategorical
                        ? Categories.Find(metric, csv[column]) is { } category ? metric.CategoryValue(category.Id) : throw Categories.Unknown(metric, csv[column], header[column], file, csv.Line)
                        : reading.Number(csv[column], header[column], file, csv.Line);
                }
            }

            var outcome = csv[layout.Outcome];
            if (churnedLabels is null)
            {
                churned[r] = Outcome(outcome, header[layout.Outcome], file, csv.Line);
            }
            else if (outcome.IsEmpty)
            {
                throw new CliException($"{file} line {csv.Line}: column '{header[layout.Outcome]}' is blank; expected an outcome label.");
            }
            else
            {
                foreach (var label in churnedLabels)
                {
                    churned[r] |= outcome.Equals(label, StringComparison.OrdinalIgnoreCase);
                }

                if (!churned[r] && others.Count < 10)
                {
                    others.Add(outcome.ToString());
                }
            }

            anyChurned |= churned[r];
            if (layout.Phase >= 0)
            {
                phases[r] = PhaseOf(csv[layout.Phase].ToString(), header[layout.Phase], model, file, csv.Line);
            }

            if (layout.Profile >= 0)
            {
                profiles[r] = ProfileOf(csv[layout.Profile].ToString().Trim(), header[layout.Profile], model, file, csv.Line);
            }

            if (layout.Value >= 0)
            {
                accountValues[r] = AccountValue(csv[layout.Value], header[layout.Value], file, csv.Line, reading);
            }
        }

        if (churnedLabels is not null && !anyChurned)
        {
            throw new CliException($"{file}: no row of column '{header[layout.Outcome]}' has {string.Join(" or ", churnedLabels.Select(static l => "'" + l + "'"))} (--churned-value); the column holds {string.Join(", ", others.Select(static o => "'" + o + "'"))}.");
        }

        return new History
        {
            File = file, Values = values, Churned = churned, Phases = phases, AccountValues = accountValues,
            AccountIdColumn = layout.Id < 0 ? null : header[layout.Id],
            IgnoredColumns = layout.Ignored, MissingMetrics = [.. model.Metrics.Where(m => !layout.Metrics.Any(c => ReferenceEquals(c.Metric, m)))],
            ProfileIds = profiles,
        };
    }

    /// <summary>A header or id reduced for loose matching: lower case, without spaces, underscores and hyphens.</summary>
    public static string Key(string name) => CsvReading.Key(name);

    private static bool Outcome(ReadOnlySpan<char> text, string column, string file, int line) => text.ToString().ToUpperInvariant() switch
    {
        "1" or "TRUE" or "YES" or "CHURNED" => true,
        "0" or "FALSE" or "NO" or "RETAINED" => false,
        _ => throw new CliException($"{file} line {line}: column '{column}' has '{text}'; expected {OutcomeValues}, or name the label that means churned with --churned-value."),
    };

    private static Phase PhaseOf(string text, string column, HealthModel model, string file, int line)
    {
        if (text.Length == 0)
        {
            return model.DefaultPhase;
        }

        if (model.TryGetPhase(text, out var phase))
        {
            return phase;
        }

        var known = model.Phases.Select(static p => p.Id).Append(model.DefaultPhase.Id).Distinct(StringComparer.Ordinal).ToList();
        var hint = known.OrderBy(k => CsvReading.Distance(k, text)).ThenBy(static k => k, StringComparer.Ordinal).First();
        throw new CliException($"{file} line {line}: column '{column}' has '{text}', not a phase of model '{model.Id}' (did you mean '{hint}'?).");
    }

    /// <summary>A profile named by its id or label (ignoring case); blank is the default profile (empty text).</summary>
    private static string ProfileOf(string text, string column, HealthModel model, string file, int line)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        foreach (var profile in model.Profiles)
        {
            if (profile.Id.Equals(text, StringComparison.OrdinalIgnoreCase) || profile.Label.Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return profile.Id;
            }
        }

        if (model.Profiles.Count == 0)
        {
            throw new CliException($"{file} line {line}: column '{column}' has '{text}', but model '{model.Id}' has no profiles; leave out --profile-column.");
        }

        var hint = model.Profiles.Select(static p => p.Id).OrderBy(k => CsvReading.Distance(k, text)).ThenBy(static k => k, StringComparer.Ordinal).First();
        throw new CliException($"{file} line {line}: column '{column}' has '{text}', not a profile of model '{model.Id}' (did you mean '{hint}'?).");
    }

    private static double AccountValue(ReadOnlySpan<char> text, string column, string file, int line, CsvReading reading)
    {
        var value = reading.IsMissing(text) ? -1 : reading.Number(text, column, file, line);
        return value >= 0 ? value : throw new CliException($"{file} line {line}: column '{column}' has '{text}'; expected a non-negative account value.");
    }

    /// <summary>Which column holds what; -1 where the file has no such column.</summary>
    private sealed record Layout(int Outcome, int Phase, int Value, int Id, int Profile, List<(int Column, Metric Metric)> Metrics, List<string> Ignored)
    {
        public static Layout Of(IReadOnlyList<string> header, HealthModel model, HistoryColumns columns, string file)
        {
            var metricsByKey = AccountsLayout.MetricKeys(model);

            var outcome = Find(header, columns.Outcome, "the outcome", file);
            if (outcome < 0)
            {
                throw new CliException($"{file} line 1: no outcome column '{columns.Outcome}'{(columns.Outcome == HistoryColumns.DefaultOutcome ? " (name it with --outcome)" : "")}; the header has {Quoted(header)}.");
            }

            var phase = columns.Phase is null ? -1 : Required(header, columns.Phase, "phase", file);
            var value = columns.Value is null ? -1 : Required(header, columns.Value, "value", file);
            var profile = columns.Profile is null ? -1 : Required(header, columns.Profile, "profile", file);
            var id = Find(header, "account_id", "the account id", file);
            id = id >= 0 ? id : Find(header, "id", "the account id", file);
            var metrics = new List<(int Column, Metric Metric)>();
            var ignored = new List<string>();
            for (var c = 0; c < header.Count; c++)
            {
                if (c == outcome || c == phase || c == id || c == profile)
                {
                    continue;
                }

                if (metricsByKey.TryGetValue(Key(header[c]), out var metric))
                {
                    var earlier = metrics.FindIndex(m => ReferenceEquals(m.Metric, metric));
                    if (earlier >= 0)
                    {
                        throw new CliException($"{file} line 1: columns '{header[metrics[earlier].Column]}' and '{header[c]}' both match metric '{metric.Id}'.");
                    }

                    metrics.Add((c, metric));
                }
                else if (c != value)
                {
                    ignored.Add(header[c]);
                }
            }

            return new Layout(outcome, phase, value, id, profile, metrics, ignored);
        }

        private static int Required(IReadOnlyList<string> header, string name, string role, string file)
        {
            var column = Find(header, name, "the " + role, file);
            return column >= 0 ? column : throw new CliException($"{file} line 1: no {role} column '{name}'; the header has {Quoted(header)}.");
        }

        private static string Quoted(IReadOnlyList<string> header) => string.Join(", ", header.Select(static h => "'" + h + "'"));

        private static int Find(IReadOnlyList<string> header, string name, string role, string file)
        {
            var key = Key(name);
            var found = -1;
            for (var c = 0; c < header.Count; c++)
            {
                if (Key(header[c]) != key)
                {
                    continue;
                }

                if (found >= 0)
                {
                    throw new CliException($"{file} line 1: columns '{header[found]}' and '{header[c]}' both match {role} column '{name}'.");
                }

                found = c;
            }

            return found;
        }
    }
}

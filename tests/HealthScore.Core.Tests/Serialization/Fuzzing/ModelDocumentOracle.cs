using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using HealthScore.Core.Model;
using HealthScore.Core.Scoring;
using HealthScore.Core.Serialization;

namespace HealthScore.Core.Tests.Serialization.Fuzzing;

/// <summary>
/// What the oracle found wrong with one document: a signature to group by (exception type and where it was
/// thrown, or the broken expectation), the details of this case, and a coarser kind (the exception type alone) that
/// stays the same when the JIT inlines differently.
/// </summary>
internal sealed record Finding(string Signature, string Detail, string? ExceptionType = null)
{
    public string Kind => ExceptionType ?? Signature;
}

/// <summary>
/// The oracle for one model document: compiling it either succeeds or throws <see cref="HealthModelException"/>
/// whose every error is located (a <c>$</c> path, line and column) and readable (not absurdly long); a model that
/// compiles scores accounts inside its scale, and the contributions' points add up to the score.
/// </summary>
internal static partial class ModelDocumentOracle
{
    public const int MaxMessageLength = 2_000;

    public enum Outcome
    {
        Compiled,
        Rejected,
        Failed,
    }

    /// <summary>Compiles <paramref name="document"/> and checks the outcome; <paramref name="scoringSeed"/> picks the accounts scored.</summary>
    public static (Outcome Outcome, Finding? Finding) Check(byte[] document, ulong scoringSeed)
    {
        HealthModel model;
        try
        {
            model = HealthModelDocument.Compile(document);
        }
        catch (HealthModelException exception)
        {
            var finding = CheckErrors(exception);
            return (finding is null ? Outcome.Rejected : Outcome.Failed, finding);
        }
#pragma warning disable CA1031 // The point is to catch whatever escapes.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return (Outcome.Failed, FromException("Compile", exception));
        }

        var scored = CheckScoring(model, new FuzzRandom(scoringSeed));
        return (scored is null ? Outcome.Compiled : Outcome.Failed, scored);
    }

    /// <summary>Checks that a rejection carries located, readable errors; <see langword="null"/> when it does.</summary>
    public static Finding? CheckErrors(HealthModelException exception)
    {
        if (exception.Errors is null || exception.Errors.Count == 0)
        {
            return new Finding("HealthModelException with no errors", Cut(exception.Message, 300));
        }

        foreach (var error in exception.Errors)
        {
            var where = $"{Cut(error.Path, 120)} (line {error.Line?.ToString(CultureInfo.InvariantCulture) ?? "null"}, column {error.Column?.ToString(CultureInfo.InvariantCulture) ?? "null"}): {Cut(error.Message, 240)}";
            if (string.IsNullOrEmpty(error.Path) || !error.Path.StartsWith('$'))
            {
                return new Finding($"HealthModelException error whose path does not start with '$': '{Normalize(error.Path)}' — {MessageShape(error.Message)}", where);
            }

            if (error.Line is not >= 1 || error.Column is not >= 1)
            {
                return new Finding($"HealthModelException error without line/column at {Normalize(error.Path)} — {MessageShape(error.Message)}", where);
            }

            if (error.Message is null || error.Message.Length > MaxMessageLength)
            {
                return new Finding($"HealthModelException error message over {MaxMessageLength:N0} chars at {Normalize(error.Path)}", $"{error.Message?.Length ?? 0:N0} chars: {where}");
            }
        }

        return null;
    }

    private static Finding? CheckScoring(HealthModel model, FuzzRandom random)
    {
        var phases = model.Phases.ToList();
        if (!phases.Contains(model.DefaultPhase))
        {
            phases.Add(model.DefaultPhase);
        }

        var values = new double[model.Metrics.Count];
        var contributions = new MetricContribution[model.Metrics.Count];
        var groups = new GroupScore[model.Groups.Count];
        var min = model.ScaleMin;
        var max = model.ScaleMax;
        var range = max - min;
        var tolerance = 1e-9 * Math.Max(1, Math.Max(Math.Abs(range), Math.Max(Math.Abs(min), Math.Abs(max))));
        foreach (var phase in phases)
        {
            for (var account = 0; account < 3; account++)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = RandomValue(random, account);
                }

                HealthResult result;
                try
                {
                    result = model.Score(values, phase, contributions, groups);
                    _ = model.Explain(result, contributions);
                }
#pragma warning disable CA1031 // The point is to catch whatever escapes.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    return FromException("Score/Explain of a compiled model", exception);
                }

                string Where() => $"phase '{Cut(phase.Id, 40)}', values [{string.Join(", ", values.Take(12).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}{(values.Length > 12 ? ", …" : "")}], scale [{min.ToString("R", CultureInfo.InvariantCulture)}, {max.ToString("R", CultureInfo.InvariantCulture)}], decimals {model.Decimals}";
                if (!double.IsFinite(result.Coverage) || result.Coverage < 0 || result.Coverage > 1)
                {
                    return new Finding("Scoring: coverage not finite or outside [0, 1]", $"coverage {result.Coverage}; {Where()}");
                }

                if (result.Score is not { } score)
                {
                    if (!ReferenceEquals(result.Band, model.InsufficientData) || result.UnroundedScore is not null)
                    {
                        return new Finding("Scoring: no score but not the insufficient-data band", $"band '{result.Band?.Id}'; {Where()}");
                    }

                    continue;
                }

                var unrounded = result.UnroundedScore ?? double.NaN;
                if (!double.IsFinite(score) || !double.IsFinite(unrounded))
                {
                    return new Finding("Scoring: score not finite", $"score {score}, unrounded {unrounded}; {Where()}");
                }

                if (score < min || score > max || unrounded < min || unrounded > max)
                {
                    return new Finding("Scoring: score outside [ScaleMin, ScaleMax]", $"score {score}, unrounded {unrounded}; {Where()}");
                }

                if (result.Band is null || ReferenceEquals(result.Band, model.InsufficientData))
                {
                    return new Finding("Scoring: a score in the insufficient-data band", Where());
                }

                var earned = 0.0;
                var lost = 0.0;
                foreach (var contribution in contributions)
                {
                    if (!double.IsFinite(contribution.PointsEarned) || !double.IsFinite(contribution.PointsLost) || !double.IsFinite(contribution.EffectiveWeight))
                    {
                        return new Finding("Scoring: a contribution's points or weight not finite", $"metric {contribution.MetricIndex}: earned {contribution.PointsEarned}, lost {contribution.PointsLost}, weight {contribution.EffectiveWeight}; {Where()}");
                    }

                    earned += contribution.PointsEarned;
                    lost += contribution.PointsLost;
                }

                // The definition of ScoringPropertyTests.Contributions_AddUpToTheScore: the scale's minimum plus all
                // points earned is the unrounded score, earned plus lost is the scale's width, and the score is the
                // unrounded score rounded to the scale's decimals.
                if (Math.Abs(min + earned - unrounded) > tolerance)
                {
                    return new Finding("Scoring: contributions' points earned do not add up to the unrounded score", $"min + earned = {min + earned}, unrounded {unrounded}; {Where()}");
                }

                if (Math.Abs(earned + lost - range) > tolerance)
                {
                    return new Finding("Scoring: points earned + lost differ from the scale's width", $"earned + lost = {earned + lost}, width {range}; {Where()}");
                }

                if (model.Decimals is >= 0 and <= 15 && Math.Abs(score - unrounded) > (0.5 * Math.Pow(10, -model.Decimals)) + tolerance)
                {
                    return new Finding("Scoring: score is not the unrounded score rounded to the scale's decimals", $"score {score}, unrounded {unrounded}; {Where()}");
                }
            }
        }

        return null;
    }

    // Values in and far beyond any metric's range, and missing ones; the first account has every metric present.
    private static double RandomValue(FuzzRandom random, int account)
    {
        var roll = random.Next(100);
        if (account > 0 && roll < 20)
        {
            return double.NaN;
        }

        return roll switch
        {
            < 23 => random.Pick([double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, double.Epsilon, 1e300, -1e300]),
            < 35 => random.Pick([0.0, -1.0, 1.0, 0.5, -0.0]),
            < 55 => random.Next(6),
            < 75 => (random.NextDouble() * 20) - 10,
            _ => (random.NextDouble() * 2000) - 1000,
        };
    }

    public static Finding FromException(string during, Exception exception)
    {
        var frames = new StackTrace(exception, false).GetFrames();
        var top = frames.Length > 0 ? frames[0] : null;
        var library = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("HealthScore.Core", StringComparison.Ordinal) == true);
        var where = library is null ? FrameName(top) : FrameName(library) + (ReferenceEquals(library, top) ? "" : $" (thrown in {FrameName(top)})");
        var inner = exception.InnerException is { } innerException ? $", inner {innerException.GetType().Name}" : "";
        return new Finding(
            $"{exception.GetType().Name} from {during} in {where}{inner}",
            $"{exception.GetType().FullName}: {Cut(exception.Message, 300)}{inner}",
            exception.GetType().FullName);
    }

    private static string FrameName(StackFrame? frame)
    {
        var method = frame?.GetMethod();
        return method is null ? "?" : $"{method.DeclaringType?.Name ?? "?"}.{method.Name}";
    }

    public static string Cut(string? text, int max) =>
        text is null ? "null" : ModelDocumentMutator.Show(text, max);

    // $.groups[3].metrics[0].weight -> $.groups[*].metrics[*].weight; long or odd keys shown cut.
    private static string Normalize(string? path) => path is null ? "null" : Cut(Index().Replace(path, "[*]"), 100);

    // The first words of a message, numbers and quoted parts blanked, so that one kind of message is one signature.
    private static string MessageShape(string? message)
    {
        if (message is null)
        {
            return "null";
        }

        var shape = Quoted().Replace(message, "'…'");
        return Cut(shape, 60);
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    [GeneratedRegex(@"'[^']*'|""[^""]*""|-?\d+(\.\d+)?")]
    private static partial Regex Quoted();
}

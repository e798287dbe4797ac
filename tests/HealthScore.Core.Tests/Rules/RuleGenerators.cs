using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using HealthScore.Core.Rules;

namespace HealthScore.Core.Tests.Rules;

/// <summary>Generators of well-typed rules (as text) over the fixture model, and a structural tree comparison.</summary>
internal static class RuleGenerators
{
    private static readonly string[] NumberIdentifiers =
    [
        "score", "coverage", "previous_score", "delta", "days_in_phase", "tenure_days", "days_to_renewal",
        "metrics.logins", "metrics.features", "metrics.nps", "metrics.critical_tickets", "groups.usage", "groups.support",
        "account.seats",
    ];

    private static readonly string[] BoolIdentifiers = ["band_changed", "phase_changed", "account.strategic", "consent.email", "consent.usage_data"];

    public static Gen<string> Rules() => Gen.Sized(size => Bool(Math.Min(5, 1 + (size / 20))));

    private static Gen<string> NumberLiteral() =>
        Gen.OneOf(
            Gen.Choose(0, 200).Select(i => i.ToString(CultureInfo.InvariantCulture)),
            Gen.Choose(0, 100000).Select(i => (i / 1000.0).ToString("R", CultureInfo.InvariantCulture)),
            Gen.Elements("1E+20", "2.5E-07", "0"));

    private static Gen<string> Number(int depth)
    {
        var leaf = Gen.OneOf(NumberLiteral(), Gen.Elements(NumberIdentifiers));
        if (depth <= 0)
        {
            return leaf;
        }

        var sub = Number(depth - 1);
        return Gen.OneOf(
            leaf,
            leaf,
            Map3(sub, Gen.Elements("+", "-", "*", "/", "%"), sub, (a, b, c) => $"({a} {b} {c})"),
            sub.Select(s => $"-{s}"),
            Map3(Gen.Elements("min", "max"), sub, sub, (a, b, c) => $"{a}({b}, {c})"),
            sub.Select(s => $"abs({s})"));
    }

    private static Gen<string> Bool(int depth)
    {
        var number = Number(Math.Max(0, depth - 1));
        var leaves = Gen.OneOf(
            Gen.Elements(BoolIdentifiers),
            Gen.Elements("true", "false"),
            Map3(number, Gen.Elements("==", "!=", "<", "<=", ">", ">="), number, (a, b, c) => $"{a} {b} {c}"),
            number.Select(n => $"isMissing({n})"),
            Gen.Zip(number, Gen.ListOf(Gen.Choose(-5, 50), 3)).Select(t => $"{t.Item1} in [{string.Join(", ", t.Item2)}]"),
            Map3(number, number, number, (a, b, c) => $"{a} between {b} and {c}"),
            Gen.Elements(
                "band == \"watch\"", "band in [\"at_risk\", \"healthy\"]", "phase != \"renewal\"", "previous_band == band",
                "account.segment == \"smb\"", "account.name != account.segment", "isMissing(account.segment)",
                "account.segment in [\"smb\", \"enterprise\"]", "isMissing(band)"));
        if (depth <= 0)
        {
            return leaves;
        }

        var sub = Bool(depth - 1);
        return Gen.OneOf(
            leaves,
            Map3(sub, Gen.Elements("&&", "||"), sub, (a, b, c) => $"({a} {b} {c})"),
            Map3(sub, Gen.Elements("&&", "||"), sub, (a, b, c) => $"{a} {b} {c}"),
            sub.Select(s => $"!({s})"));
    }

    private static Gen<string> Map3(Gen<string> first, Gen<string> second, Gen<string> third, Func<string, string, string, string> combine) =>
        first.SelectMany(a => second.SelectMany(b => third.Select(c => combine(a, b, c))));

    /// <summary>Compares two trees by shape and values, ignoring positions.</summary>
    public static bool Same(RuleNode a, RuleNode b) => (a, b) switch
    {
        (NumberNode x, NumberNode y) => x.Value.Equals(y.Value),
        (StringNode x, StringNode y) => x.Value == y.Value,
        (BooleanNode x, BooleanNode y) => x.Value == y.Value,
        (IdentifierNode x, IdentifierNode y) => x.Name == y.Name,
        (UnaryNode x, UnaryNode y) => x.Operator == y.Operator && Same(x.Operand, y.Operand),
        (BinaryNode x, BinaryNode y) => x.Operator == y.Operator && Same(x.Left, y.Left) && Same(x.Right, y.Right),
        (InNode x, InNode y) => Same(x.Operand, y.Operand) && x.Items.Length == y.Items.Length && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second)),
        (BetweenNode x, BetweenNode y) => Same(x.Operand, y.Operand) && Same(x.Low, y.Low) && Same(x.High, y.High),
        (CallNode x, CallNode y) => x.Name == y.Name && x.Arguments.Length == y.Arguments.Length && x.Arguments.Zip(y.Arguments).All(p => Same(p.First, p.Second)),
        _ => false,
    };
}

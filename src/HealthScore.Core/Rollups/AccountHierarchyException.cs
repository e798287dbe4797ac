using System.Globalization;
using System.Text;

namespace HealthScore.Core.Rollups;

/// <summary>
/// The (account id, parent id) pairs given to <see cref="AccountHierarchy"/> do not form a hierarchy; <see cref="Problems"/>
/// lists every problem found, each naming the accounts involved.
/// </summary>
public sealed class AccountHierarchyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">The problems, at least one, e.g. <c>account 'b' names parent 'x', which is not in the portfolio</c>.</param>
    public AccountHierarchyException(IReadOnlyList<string> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Gets every problem found: accounts without an id or listed more than once, unknown parents, then cycles.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = new StringBuilder("The account hierarchy is invalid");
        if (problems.Count == 1)
        {
            return text.Append(": ").Append(problems[0]).Append('.').ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $" ({problems.Count} problems):");
        foreach (var problem in problems)
        {
            text.AppendLine().Append("  ").Append(problem).Append('.');
        }

        return text.ToString();
    }
}

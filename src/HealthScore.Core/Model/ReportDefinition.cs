namespace HealthScore.Core.Model;

/// <summary>
/// How reports on this model are laid out: the two groups of the prioritisation matrix. Reports' words live in the
/// model's <see cref="HealthModelDefinition.Texts"/>, under the report's own keys (<c>report.accounts</c>…).
/// </summary>
public sealed class ReportDefinition
{
    /// <summary>Gets or sets the id of the group on the prioritisation matrix's horizontal axis, e.g. <c>engagement</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the first top-level group.</value>
    public string? MatrixX { get; set; }

    /// <summary>Gets or sets the id of the group on the prioritisation matrix's vertical axis, e.g. <c>satisfaction</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the second top-level group.</value>
    public string? MatrixY { get; set; }
}

using System.Text.Json.Serialization;

namespace HealthScore.Core.Model;

/// <summary>A ready-made set of bands a model can name instead of listing its own.</summary>
public enum BandScheme
{
    /// <summary>
    /// Letter grades over the scale: F below 60 %, D from 60 %, C from 70 %, B from 80 %, A from 90 % of the way from
    /// the scale's minimum to its maximum; band ids <c>f</c>, <c>d</c>, <c>c</c>, <c>b</c>, <c>a</c>.
    /// </summary>
    [JsonStringEnumMemberName("letterGrades")]
    LetterGrades = 0,
}

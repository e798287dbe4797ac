namespace HealthScore.Core.Model;

/// <summary>The bands a <see cref="BandScheme"/> stands for, laid over a model's scale.</summary>
internal static class BandSchemes
{
    private static readonly (string Id, string Label, string Color, double Share)[] LetterGrades =
    [
        ("f", "F", "#C62828", 0),
        ("d", "D", "#EF6C00", 0.6),
        ("c", "C", "#F9A825", 0.7),
        ("b", "B", "#7CB342", 0.8),
        ("a", "A", "#2E7D32", 0.9),
    ];

    /// <summary>The scheme's bands, lowest first; over 0–100 when the scale itself is invalid (reported on its own).</summary>
    public static List<BandDefinition> Expand(BandScheme scheme, ScaleDefinition? scale)
    {
        var grades = scheme == BandScheme.LetterGrades ? LetterGrades : throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Not a band scheme.");
        var min = scale is { } s && double.IsFinite(s.Min) && double.IsFinite(s.Max) && s.Max > s.Min ? s.Min : 0;
        var max = scale is { } t && double.IsFinite(t.Min) && double.IsFinite(t.Max) && t.Max > t.Min ? t.Max : 100;
        var bands = new List<BandDefinition>(grades.Length);
        foreach (var (id, label, color, share) in grades)
        {
            bands.Add(new BandDefinition { Id = id, Label = label, Color = color, LowerBound = min + (share * (max - min)) });
        }

        return bands;
    }
}

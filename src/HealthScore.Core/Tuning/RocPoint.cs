namespace HealthScore.Core.Tuning;

/// <summary>One point of a ROC curve: flag every account whose score is at or below <see cref="Threshold"/> as at risk.</summary>
/// <param name="Threshold">The score at or below which accounts are flagged; <see langword="null"/> for the first point, which flags none.</param>
/// <param name="FalsePositiveRate">The share of accounts that stayed which are flagged.</param>
/// <param name="TruePositiveRate">The share of accounts that churned which are flagged.</param>
public readonly record struct RocPoint(double? Threshold, double FalsePositiveRate, double TruePositiveRate);

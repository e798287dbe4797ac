namespace HealthScore.Orleans;

/// <summary>The grain storage account grains keep their records in.</summary>
public static class HealthGrainStorage
{
    /// <summary>The name of the grain storage provider account grains use: register one under it (<c>AddHealthScoreGrainStorage</c> for SQLite, or any Orleans provider such as ADO.NET).</summary>
    public const string Name = "healthscore";
}

using System.Text.Json.Serialization;

namespace HealthScore.Core.Model;

/// <summary>How a parent account's roll-up combines its children's health.</summary>
public enum RollupMethod
{
    /// <summary>The mean of the children's scores, each child counting once. This is the default.</summary>
    [JsonStringEnumMemberName("average")]
    Average = 0,

    /// <summary>The mean of the children's scores weighted by a number field of the account, <see cref="RollupDefinition.WeightField"/> (for example annual recurring revenue).</summary>
    [JsonStringEnumMemberName("valueWeighted")]
    ValueWeighted = 1,

    /// <summary>The lowest child score ("the worst child decides").</summary>
    [JsonStringEnumMemberName("worstChild")]
    WorstChild = 2,

    /// <summary>The share of the accounts below the parent whose band is <see cref="RollupDefinition.Band"/> or a lower one.</summary>
    [JsonStringEnumMemberName("shareInBand")]
    ShareInBand = 3,
}

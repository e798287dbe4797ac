using System.Text.Json;
using System.Text.Json.Serialization;
using HealthScore.Core.Model;

namespace HealthScore.Core.Scoring;

/// <summary>
/// The editable description of a scoring function. Derive from it (and from <see cref="ScoringFunction"/>)
/// to add a scoring function: the scorer only ever calls the compiled function, so nothing else changes.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(LinearScoring), "linear")]
[JsonDerivedType(typeof(BoundedLinearScoring), "boundedLinear")]
[JsonDerivedType(typeof(PiecewiseLinearScoring), "piecewiseLinear")]
[JsonDerivedType(typeof(PeakedScoring), "singlePeaked")]
[JsonDerivedType(typeof(TierScoring), "tiers")]
[JsonDerivedType(typeof(LogisticScoring), "logistic")]
[JsonDerivedType(typeof(TargetRatioScoring), "targetRatio")]
[JsonDerivedType(typeof(CategoryScoring), "categories")]
public abstract class ScoringFunctionDefinition
{
    /// <summary>Gets the function's type name as written in the model document, for example <c>linear</c>.</summary>
    [JsonIgnore]
    public abstract string Type { get; }

    /// <summary>Checks the parameters and adds one error per problem, each located under <paramref name="path"/>.</summary>
    /// <param name="path">The location of this function in the definition, for example <c>groups[0].metrics[2].scoring</c>.</param>
    /// <param name="errors">Where to add the problems found.</param>
    public abstract void Validate(string path, ICollection<ModelError> errors);

    /// <summary>Builds the immutable function. Called only when <see cref="Validate"/> found nothing.</summary>
    /// <returns>The compiled function.</returns>
    public abstract ScoringFunction Compile();

    /// <summary>Compiles the function for a model whose thresholds include their upper bound; functions without thresholds ignore it.</summary>
    internal virtual ScoringFunction Compile(ThresholdBoundary thresholds) => Compile();


    /// <summary>Adds an error when <paramref name="value"/> is NaN or infinite.</summary>
    /// <param name="value">The value to check.</param>
    /// <param name="path">Where the value is.</param>
    /// <param name="errors">Where to add the problem.</param>
    /// <returns><see langword="true"/> when the value is finite.</returns>
    protected static bool RequireFinite(double value, string path, ICollection<ModelError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (double.IsFinite(value))
        {
            return true;
        }

        errors.Add(new ModelError(path, "must be a finite number."));
        return false;
    }
}

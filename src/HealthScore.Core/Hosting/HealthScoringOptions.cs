using HealthScore.Core.Model;

namespace HealthScore.Core.Hosting;

/// <summary>
/// Where the hosted <see cref="HealthModel"/> comes from and how it is reloaded; bound from the
/// <c>HealthScoring</c> configuration section or set in code, and validated at start-up.
/// </summary>
public sealed class HealthScoringOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "HealthScoring";

    /// <summary>Gets or sets the path of the model document (JSON). Relative paths are resolved against the current directory.</summary>
    /// <value>The default value is <see langword="null"/>: a model must then be given in code (<see cref="HealthScoringBuilder.UseModel(HealthModel)"/> or a stream).</value>
    public string? ModelPath { get; set; }

    /// <summary>Gets or sets whether the model is recompiled and swapped in when the document at <see cref="ModelPath"/> changes.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>
    /// Gets or sets how long the document must stay unchanged before it is reloaded, so an editor's several writes
    /// cause one reload. Between zero and one minute.
    /// </summary>
    /// <value>The default value is 250 milliseconds.</value>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(250);

    // Set by the code and stream overloads; not bound from configuration.
    internal HealthModel? Model { get; set; }

    internal byte[]? Document { get; set; }

    // Values in the configuration section that could not be read, reported by the validator.
    internal List<(string Key, string Message)> BindingErrors { get; } = [];
}

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

    /// <summary>
    /// Gets or sets the path of the model document (JSON). A relative path is resolved against the host's content
    /// root (<c>IHostEnvironment.ContentRootPath</c>) when an <c>IHostEnvironment</c> is registered, as the generic
    /// host and ASP.NET Core do; otherwise against the current directory.
    /// </summary>
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

    // The host's content root, set after configuration when an IHostEnvironment is registered.
    internal string? ContentRoot { get; set; }

    // The options' name: empty for the unkeyed model, the key for a keyed one.
    internal string Name { get; set; } = string.Empty;

    /// <summary>The full path of <see cref="ModelPath"/>: relative to the content root when there is one, else to the current directory.</summary>
    internal string? FullModelPath => ModelPath is not { Length: > 0 } path
        ? null
        : ContentRoot is { Length: > 0 } root ? Path.GetFullPath(path, Path.GetFullPath(root)) : Path.GetFullPath(path);

    /// <summary>The prefix of this model's configuration keys in error messages: <c>HealthScoring</c>, or <c>HealthScoring[key]</c> for a keyed model.</summary>
    internal string KeyPrefix => Name.Length == 0 ? SectionName : SectionName + "[" + Name + "]";

    // Values in the configuration section that could not be read, reported by the validator.
    internal List<(string Key, string Message)> BindingErrors { get; } = [];
}

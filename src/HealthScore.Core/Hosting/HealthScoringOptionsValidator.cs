using Microsoft.Extensions.Options;

namespace HealthScore.Core.Hosting;

/// <summary>
/// Checks <see cref="HealthScoringOptions"/> and reports every problem at once, each prefixed with its configuration
/// key. It fails start-up; once the model is being served it stands aside, because a failure thrown from
/// <c>IOptionsMonitor</c> during a configuration reload would escape into the configuration's change callback.
/// <see cref="HealthModelSource"/> runs the same checks on a change and rejects an invalid one, so the last good
/// model keeps serving.
/// </summary>
internal sealed class HealthScoringOptionsValidator(HealthScoringState state) : IValidateOptions<HealthScoringOptions>
{
    internal static readonly TimeSpan MaxDebounce = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, HealthScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (state.IsServing(name ?? string.Empty))
        {
            return ValidateOptionsResult.Skip;
        }

        var builder = new ValidateOptionsResultBuilder();
        foreach (var (key, message) in Check(options))
        {
            builder.AddError(key + ": " + message);
        }

        return builder.Build();
    }

    internal static List<(string Key, string Message)> Check(HealthScoringOptions options)
    {
        var errors = new List<(string Key, string Message)>();
        errors.AddRange(options.BindingErrors);
        var modelPath = options.KeyPrefix + ":" + nameof(options.ModelPath);
        var inCode = options.Model is not null || options.Document is not null;
        if (options.ModelPath is { } path)
        {
            if (inCode)
            {
                errors.Add((modelPath, "a model was also given in code; give the model either as a file or in code, not both."));
            }
            else if (string.IsNullOrWhiteSpace(path))
            {
                errors.Add((modelPath, "must not be empty."));
            }
            else if (options.FullModelPath is { } fullPath && !File.Exists(fullPath))
            {
                var against = options.ContentRoot is null ? "the current directory" : "the content root";
                errors.Add((modelPath, $"file '{path}' does not exist (resolved against {against} to '{fullPath}')."));
            }
        }
        else if (!inCode)
        {
            errors.Add((modelPath, "is required: set it to the model document's path, or give the model in code (UseModel, or the stream overload)."));
        }

        if (options.ReloadDebounce < TimeSpan.Zero || options.ReloadDebounce > MaxDebounce)
        {
            errors.Add((options.KeyPrefix + ":" + nameof(options.ReloadDebounce), $"must be between 00:00:00 and 00:01:00; it is {options.ReloadDebounce}."));
        }

        return errors;
    }
}

using Microsoft.Extensions.Options;

namespace HealthScore.Core.Hosting;

/// <summary>Checks <see cref="HealthScoringOptions"/> and reports every problem at once, each prefixed with its configuration key.</summary>
internal sealed class HealthScoringOptionsValidator : IValidateOptions<HealthScoringOptions>
{
    internal static readonly TimeSpan MaxDebounce = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, HealthScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        var prefix = HealthScoringOptions.SectionName + ":";
        foreach (var error in options.BindingErrors)
        {
            builder.AddError(error);
        }

        var inCode = options.Model is not null || options.Document is not null;
        if (options.ModelPath is { } path)
        {
            if (inCode)
            {
                builder.AddError($"{prefix}{nameof(options.ModelPath)}: a model was also given in code; give the model either as a file or in code, not both.");
            }
            else if (string.IsNullOrWhiteSpace(path))
            {
                builder.AddError($"{prefix}{nameof(options.ModelPath)}: must not be empty.");
            }
            else if (!File.Exists(path))
            {
                builder.AddError($"{prefix}{nameof(options.ModelPath)}: file '{path}' does not exist (resolved to '{Path.GetFullPath(path)}').");
            }
        }
        else if (!inCode)
        {
            builder.AddError($"{prefix}{nameof(options.ModelPath)}: is required: set it to the model document's path, or give the model in code (UseModel, or the stream overload).");
        }

        if (options.ReloadDebounce < TimeSpan.Zero || options.ReloadDebounce > MaxDebounce)
        {
            builder.AddError($"{prefix}{nameof(options.ReloadDebounce)}: must be between 00:00:00 and 00:01:00; it is {options.ReloadDebounce}.");
        }

        return builder.Build();
    }
}

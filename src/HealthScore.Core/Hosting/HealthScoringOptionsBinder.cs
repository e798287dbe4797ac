using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace HealthScore.Core.Hosting;

/// <summary>
/// Binds <see cref="HealthScoringOptions"/> from configuration by hand: three keys, no reflection (the library is
/// AOT-compatible), and a value that cannot be read becomes a validation error naming its key rather than an exception.
/// </summary>
internal static class HealthScoringOptionsBinder
{
    public static void Bind(IConfiguration configuration, HealthScoringOptions options)
    {
        var prefix = configuration is IConfigurationSection section ? section.Path + ":" : string.Empty;
        var errors = options.BindingErrors;
        errors.Clear();
        if (configuration[nameof(HealthScoringOptions.ModelPath)] is { } path)
        {
            options.ModelPath = path;
        }

        if (configuration[nameof(HealthScoringOptions.ReloadOnChange)] is { } reload)
        {
            if (bool.TryParse(reload, out var value))
            {
                options.ReloadOnChange = value;
            }
            else
            {
                errors.Add((prefix + nameof(HealthScoringOptions.ReloadOnChange), $"'{reload}' is not true or false."));
            }
        }

        if (configuration[nameof(HealthScoringOptions.ReloadDebounce)] is { } debounce)
        {
            if (TimeSpan.TryParse(debounce, CultureInfo.InvariantCulture, out var value))
            {
                options.ReloadDebounce = value;
            }
            else
            {
                errors.Add((prefix + nameof(HealthScoringOptions.ReloadDebounce), $"'{debounce}' is not a time span such as 00:00:00.250."));
            }
        }
    }
}

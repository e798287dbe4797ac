using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HealthScore.Core.Hosting;

/// <summary>
/// Completes <see cref="HealthScoringOptions"/> after configuration: the options' name (the key of a keyed model),
/// and the host's content root, against which a relative <see cref="HealthScoringOptions.ModelPath"/> resolves.
/// </summary>
internal sealed class HealthScoringOptionsPostConfigure(IHostEnvironment? environment = null) : IPostConfigureOptions<HealthScoringOptions>
{
    public void PostConfigure(string? name, HealthScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Name = name ?? Options.DefaultName;
        options.ContentRoot ??= environment?.ContentRootPath;
    }
}

namespace HealthScore.Core.Model;

/// <summary>One problem found in a health model definition: where it is and what to do about it.</summary>
public sealed class ModelError
{
    /// <summary>Creates an error.</summary>
    /// <param name="path">The location in the definition, in the JSON document's terms, for example <c>groups[1].metrics[0].weight</c>.</param>
    /// <param name="message">What is wrong and how to fix it, for a person to read.</param>
    public ModelError(string path, string message)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(message);
        Path = path;
        Message = message;
    }

    /// <summary>Gets the location in the definition, for example <c>groups[1].metrics[0].weight</c>.</summary>
    public string Path { get; }

    /// <summary>Gets what is wrong and how to fix it.</summary>
    public string Message { get; }

    /// <summary>Returns <c>path: message</c>.</summary>
    /// <returns>The error as one line of text.</returns>
    public override string ToString() => Path.Length == 0 ? Message : Path + ": " + Message;
}

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

    /// <summary>Creates an error located in a model document.</summary>
    /// <param name="path">The JSON path, for example <c>$.groups[1].metrics[0].weight</c>.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="line">The 1-based line in the document.</param>
    /// <param name="column">The 1-based column in the document.</param>
    public ModelError(string path, string message, int line, int column)
        : this(path, message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(line, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(column, 1);
        Line = line;
        Column = column;
    }

    /// <summary>Gets the location in the definition, for example <c>groups[1].metrics[0].weight</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the 1-based line in the model document, when the definition came from one.</summary>
    public int? Line { get; }

    /// <summary>Gets the 1-based column in the model document, when the definition came from one.</summary>
    public int? Column { get; }

    /// <summary>Gets what is wrong and how to fix it.</summary>
    public string Message { get; }

    /// <summary>Returns <c>path: message</c>, or <c>path (line L, column C): message</c> for a document.</summary>
    /// <returns>The error as one line of text.</returns>
    public override string ToString()
    {
        var location = Line is { } line
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Path} (line {line}, column {Column})")
            : Path;
        return location.Length == 0 ? Message : location + ": " + Message;
    }
}

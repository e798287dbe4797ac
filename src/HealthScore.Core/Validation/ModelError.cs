using System.Globalization;
using System.Text;

namespace HealthScore.Core.Model;

/// <summary>
/// One problem found in a health model, its rules, its message templates or the metric providers composed with it:
/// what kind of problem, where it is, and what to do about it. Every check of the library reports through this one
/// record and <see cref="HealthModelException"/>.
/// </summary>
public sealed class ModelError
{
    /// <summary>Creates an error found by the model's value checks, not located in a document.</summary>
    /// <param name="path">The location in the definition, in the JSON document's terms, for example <c>groups[1].metrics[0].weight</c>.</param>
    /// <param name="message">What is wrong and how to fix it, for a person to read.</param>
    public ModelError(string path, string message)
        : this(ModelErrorKind.Value, path, message)
    {
    }

    /// <summary>Creates an error located in a model document.</summary>
    /// <param name="path">The JSON path, for example <c>$.groups[1].metrics[0].weight</c>.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="line">The 1-based line in the document.</param>
    /// <param name="column">The 1-based column in the document.</param>
    public ModelError(string path, string message, int line, int column)
        : this(ModelErrorKind.Value, path, message, line, column)
    {
    }

    /// <summary>Creates an error of any kind, with whatever location is known.</summary>
    /// <param name="kind">Which check found the problem.</param>
    /// <param name="path">The location in the definition, for example <c>$.actions[2].when</c>.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="line">The 1-based line in the document, or <see langword="null"/> when the definition did not come from one.</param>
    /// <param name="column">The 1-based column in the document, or <see langword="null"/>.</param>
    /// <param name="expressionLine">For rules and message templates: the 1-based line inside the expression, or <see langword="null"/>.</param>
    /// <param name="expressionColumn">For rules and message templates: the 1-based column inside the expression, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A line or column is below 1, or only one of a line and its column is given.</exception>
    public ModelError(ModelErrorKind kind, string path, string message, int? line = null, int? column = null, int? expressionLine = null, int? expressionColumn = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(message);
        CheckPosition(line, column, nameof(line));
        CheckPosition(expressionLine, expressionColumn, nameof(expressionLine));
        Kind = kind;
        Path = path;
        Message = message;
        Line = line;
        Column = column;
        ExpressionLine = expressionLine;
        ExpressionColumn = expressionColumn;
    }

    /// <summary>Gets which check found the problem.</summary>
    public ModelErrorKind Kind { get; }

    /// <summary>Gets the location in the definition: <c>$.groups[1].metrics[0].weight</c> for a document, <c>groups[1].metrics[0].weight</c> for a definition built in code.</summary>
    public string Path { get; }

    /// <summary>Gets the 1-based line in the model document, when the definition came from one.</summary>
    public int? Line { get; }

    /// <summary>Gets the 1-based column in the model document, when the definition came from one.</summary>
    public int? Column { get; }

    /// <summary>Gets, for a rule or a message template, the 1-based line inside its text; otherwise <see langword="null"/>.</summary>
    public int? ExpressionLine { get; }

    /// <summary>Gets, for a rule or a message template, the 1-based column inside its text; otherwise <see langword="null"/>.</summary>
    public int? ExpressionColumn { get; }

    /// <summary>Gets what is wrong and how to fix it.</summary>
    public string Message { get; }

    /// <summary>Returns the error as one line: <c>path (line L, column C; rule line l, column c): message</c>, leaving out what is not known.</summary>
    /// <returns>The error as one line of text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(Path);
        var place = new List<string>(2);
        if (Line is { } line)
        {
            place.Add(string.Create(CultureInfo.InvariantCulture, $"line {line}, column {Column}"));
        }

        if (ExpressionLine is { } expressionLine)
        {
            var what = Kind == ModelErrorKind.Template ? "template" : "rule";
            place.Add(string.Create(CultureInfo.InvariantCulture, $"{what} line {expressionLine}, column {ExpressionColumn}"));
        }

        if (place.Count > 0)
        {
            text.Append(text.Length == 0 ? "(" : " (").AppendJoin("; ", place).Append(')');
        }

        return text.Length == 0 ? Message : text.Append(": ").Append(Message).ToString();
    }

    /// <summary>Returns a copy at <paramref name="path"/> in a document, at <paramref name="line"/> and <paramref name="column"/>.</summary>
    internal ModelError At(string path, int line, int column) =>
        new(Kind, path, Message, line, column, ExpressionLine, ExpressionColumn);

    private static void CheckPosition(int? line, int? column, string parameterName)
    {
        if (line.HasValue != column.HasValue || line < 1 || column < 1)
        {
            throw new ArgumentOutOfRangeException(parameterName, "A line and its column are both given, from 1, or both left out.");
        }
    }
}

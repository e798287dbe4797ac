using System.Globalization;
using System.Text;

namespace HealthScore.Core.Serialization;

/// <summary>
/// The JSON path of the value a walk over a document is on, kept as a stack of property names and array indices
/// and written out (<c>$.groups[1].metrics[0].weight</c>) only when something must be reported at it.
/// </summary>
internal sealed class DocumentPath
{
    private Segment[] _segments = new Segment[16];
    private int _depth;

    /// <summary>Gets how many names and indices the path has below the root.</summary>
    public int Depth => _depth;

    /// <summary>Steps into the property (or dictionary key) <paramref name="name"/>.</summary>
    public void Push(string name) => Push(new Segment(name, 0));

    /// <summary>Steps into the array element at <paramref name="index"/>.</summary>
    public void Push(int index) => Push(new Segment(null, index));

    /// <summary>Steps back out of the last name or index.</summary>
    public void Pop() => _depth--;

    /// <summary>Whether the path is the top-level property <paramref name="name"/>.</summary>
    public bool IsTopLevel(string name) => _depth == 1 && _segments[0].Name == name;

    /// <inheritdoc />
    public override string ToString()
    {
        if (_depth == 0)
        {
            return "$";
        }

        var text = new StringBuilder("$");
        for (var i = 0; i < _depth; i++)
        {
            var segment = _segments[i];
            if (segment.Name is null)
            {
                text.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                text.Append('.').Append(segment.Name);
            }
        }

        return text.ToString();
    }

    private void Push(Segment segment)
    {
        if (_depth == _segments.Length)
        {
            Array.Resize(ref _segments, _depth * 2);
        }

        _segments[_depth++] = segment;
    }

    private readonly record struct Segment(string? Name, int Index);
}

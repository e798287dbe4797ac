using System.Buffers;
using System.Text;
using System.Text.Json;
using HealthScore.Cli.Scoring;
using HealthScore.Core.Model;

namespace HealthScore.Cli.Output;

/// <summary>
/// Collects scored accounts as they come and writes them by priority at the end, in bounded memory: each account is
/// written out at once (its table row, CSV line or JSON object) to a temporary file, and only its sort key stays in
/// memory (priority, score, id and where its text is). Accounts in a hierarchy (a parent, or with one) are kept
/// whole until every account is scored, since a parent's roll-up needs its children. The report, when asked for,
/// gathers its figures from each account as it passes.
/// </summary>
internal sealed class ScoredPortfolio : IDisposable
{
    private const char CellSeparator = '\u001F';
    private const char PartSeparator = '\u001E';

    private readonly HealthModel _model;
    private readonly string _format;
    private readonly List<AccountOutcome> _kept = [];
    private readonly List<AccountOutcome> _children = [];
    private readonly List<Entry> _entries;
    private readonly FileStream _spill;
    private bool _finished;

    /// <param name="model">The model the accounts were scored with.</param>
    /// <param name="format">table, json or csv.</param>
    /// <param name="report">Where the report's figures go, or <see langword="null"/> for no report.</param>
    /// <param name="expected">How many accounts are coming, when known: the sort keys are then allocated once.</param>
    public ScoredPortfolio(HealthModel model, string format, ReportData? report, int expected)
    {
        _entries = new List<Entry>(Math.Max(0, expected));
        _model = model;
        _format = format;
        Report = report;
        _spill = new FileStream(Path.Combine(Path.GetTempPath(), "healthscore-" + Guid.NewGuid().ToString("N") + ".tmp"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    /// <summary>Gets the report's figures, when a report was asked for.</summary>
    public ReportData? Report { get; }

    /// <summary>Gets how many accounts were added.</summary>
    public int Count => _entries.Count + (_finished ? 0 : _kept.Count);

    /// <summary>
    /// Adds a scored account. A parent is kept whole until <see cref="Finish"/>, since its roll-up comes from its
    /// children; a child is written out at once (nothing of its own changes) and kept as a light copy for the roll-up.
    /// </summary>
    public void Add(AccountOutcome o, bool isParent)
    {
        if (isParent)
        {
            _kept.Add(o);
            return;
        }

        Spill(o);
        if (o.ParentId is not null)
        {
            _children.Add(o.ForHierarchy());
        }
    }

    /// <summary>Rolls the parents up from their children, and writes out the accounts kept for it.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        List<AccountOutcome> hierarchy = [.. _kept, .. _children];
        PortfolioRollup.Apply(_model, hierarchy);
        foreach (var o in _kept)
        {
            Spill(o);
        }

        Report?.SetHierarchy(hierarchy);
        _entries.Sort(static (a, b) => Priority.Compare((a.Priority, a.Score, a.Id), (b.Priority, b.Score, b.Id)));
        _spill.Flush();
    }

    /// <summary>Writes the accounts by priority, the first <paramref name="limit"/> of them when given.</summary>
    public void WriteTo(TextWriter writer, int? limit = null)
    {
        Finish();
        var count = Math.Min(_entries.Count, limit ?? int.MaxValue);
        switch (_format)
        {
            case "csv":
                writer.Write(Formats.CsvHeader);
                for (var i = 0; i < count; i++)
                {
                    writer.Write(Read(_entries[i]));
                }

                break;
            case "json":
                writer.Write(count == 0 ? "[]\n" : "[\n");
                for (var i = 0; i < count; i++)
                {
                    writer.Write(Read(_entries[i]));
                    writer.Write(i < count - 1 ? ",\n" : "\n]\n");
                }

                break;
            default:
                WriteTable(writer, count);
                break;
        }
    }

    public void Dispose() => _spill.Dispose();

    /// <summary>The table: widths from the rows shown, then the rows, then the notes on overrides and roll-ups under it.</summary>
    private void WriteTable(TextWriter writer, int count)
    {
        var header = Formats.TableHeader(_model);
        var widths = header.Select(TextTable.Width).ToArray();
        var overrides = false;
        var rollups = false;
        for (var i = 0; i < count; i++)
        {
            var parts = Read(_entries[i]).Split(PartSeparator);
            var cells = parts[0].Split(CellSeparator);
            for (var c = 0; c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], TextTable.Width(cells[c]));
            }

            overrides |= parts[1].Length > 0;
            rollups |= parts[2].Length > 0;
        }

        writer.Write(TextTable.Line(header, widths));
        writer.Write(TextTable.Line([.. widths.Select(static w => new string('-', w))], widths));
        for (var i = 0; i < count; i++)
        {
            writer.Write(TextTable.Line(Read(_entries[i]).Split(PartSeparator)[0].Split(CellSeparator), widths));
        }

        if (overrides || rollups)
        {
            writer.Write('\n');
        }

        foreach (var part in (int[])[1, 2])
        {
            if (part == 1 ? !overrides : !rollups)
            {
                continue;
            }

            for (var i = 0; i < count; i++)
            {
                var note = Read(_entries[i]).Split(PartSeparator)[part];
                if (note.Length > 0)
                {
                    writer.Write(note);
                    writer.Write('\n');
                }
            }
        }
    }

    private void Spill(AccountOutcome o)
    {
        Report?.Add(o);
        var text = _format switch
        {
            "csv" => Formats.CsvRow(o),
            "json" => "  " + JsonSerializer.Serialize(AccountJson.From(o), CliJsonContext.Readable.AccountJson).ReplaceLineEndings("\n").Replace("\n", "\n  ", StringComparison.Ordinal),
            _ => string.Join(CellSeparator, Formats.TableCells(o)) + PartSeparator
                + (Formats.OverrideNote(_model, o) is { } note ? "✎ " + o.AccountId + ": " + note : "") + PartSeparator
                + (Formats.RollupNote(_model, o) ?? ""),
        };
        var length = Encoding.UTF8.GetByteCount(text);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encoding.UTF8.GetBytes(text, buffer);
            var offset = _spill.Position;
            _spill.Write(buffer, 0, length);
            var (priority, score, id) = Priority.Key(o);
            _entries.Add(new Entry(id, score, offset, priority, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private string Read(Entry entry)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(entry.Length);
        try
        {
            var read = 0;
            while (read < entry.Length)
            {
                var n = RandomAccess.Read(_spill.SafeFileHandle, buffer.AsSpan(read, entry.Length - read), entry.Offset + read);
                if (n == 0)
                {
                    throw new IOException("The temporary file of scored accounts ended early.");
                }

                read += n;
            }

            return Encoding.UTF8.GetString(buffer, 0, entry.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>An account's place in the output order and where its text is in the temporary file (32 bytes: laid out without padding).</summary>
    private readonly record struct Entry(string Id, double Score, long Offset, int Priority, int Length);
}

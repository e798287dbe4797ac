namespace HealthScore.Cli.Input;

/// <summary>
/// The account ids of an accounts file, read once before the accounts are scored: each id with its place in the file
/// (the order record files follow) and its line, and the ids named as parents. It is the one set of ids the CLI keeps
/// for a whole portfolio; the accounts themselves are read again a row at a time.
/// </summary>
internal sealed class AccountIndex
{
    private readonly Dictionary<string, (int Ordinal, int Line)> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Ordinal, int Line)>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private AccountIndex() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Gets how many distinct accounts the file has.</summary>
    public int Count => _ids.Count;

    /// <summary>Gets the ids that other accounts name as their parent.</summary>
    public HashSet<string> Parents { get; } = new(StringComparer.Ordinal);

    /// <summary>The id as it was first read, its place and its first line; <see langword="false"/> for a blank id.</summary>
    public bool TryGet(ReadOnlySpan<char> id, out string actual, out int ordinal, out int line)
    {
        if (!id.IsEmpty && _lookup.TryGetValue(id, out var key, out var entry))
        {
            (actual, ordinal, line) = (key, entry.Ordinal, entry.Line);
            return true;
        }

        (actual, ordinal, line) = (id.ToString(), -1, -1);
        return false;
    }

    /// <summary>The place of an account in the file, or -1 when the file has no such account.</summary>
    public int OrdinalOf(ReadOnlySpan<char> id) => _lookup.TryGetValue(id, out var entry) ? entry.Ordinal : -1;

    /// <summary>Reads the ids (and parents) of the file. A duplicate id is an error naming both lines; with skipping, a warning.</summary>
    public static AccountIndex Read(string path, CsvReading reading, AccountsLayout layout, bool skipBadRows, TextWriter warnings)
    {
        var index = new AccountIndex();
        using var csv = CsvFile.Open(path, reading.Delimiter);
        var sampled = 0L;
        while (csv.Read())
        {
            // From the first rows' length, size the set once for the whole file rather than doubling it as it fills.
            if (index._ids.Count < 1000)
            {
                sampled += csv.RowLength;
                if (index._ids.Count == 999)
                {
                    index._ids.EnsureCapacity((int)Math.Min(int.MaxValue / 2, new FileInfo(path).Length / Math.Max(1, sampled / 1000) * 21 / 20));
                }
            }

            if (csv.Problem() is not null)
            {
                continue; // reported, with its line, when the row is read for scoring
            }

            var id = csv[layout.Id];
            if (id.IsEmpty)
            {
                continue;
            }

            if (index._lookup.TryGetValue(id, out var first))
            {
                var message = $"{csv.Name} line {csv.Line}: account '{id}' is also on line {first.Line}; each account needs one row.";
                if (!skipBadRows)
                {
                    throw new CliException(message);
                }

                warnings.WriteLine("skipped: " + message);
                continue;
            }

            index._lookup[id] = (index._ids.Count, csv.Line);
            if (reading.Text(csv, layout.Parent) is { } parent)
            {
                index.Parents.Add(parent);
            }
        }

        return index;
    }
}

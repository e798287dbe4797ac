namespace HealthScore.Cli.Output;

/// <summary>
/// The first <see cref="Capacity"/> items in an order, of however many are added, and how many were: memory grows with
/// the capacity, not with the items. A report's list says "200 of 548" from it.
/// </summary>
internal sealed class TopList<T>
{
    private readonly IComparer<T> _order;
    private readonly PriorityQueue<T, T> _kept;

    public TopList(int capacity, IComparer<T> order)
    {
        Capacity = capacity;
        _order = order;

        // The queue's head is the last item kept, the first to leave when a better one comes.
        _kept = new PriorityQueue<T, T>(Comparer<T>.Create((a, b) => order.Compare(b, a)));
    }

    public int Capacity { get; }

    /// <summary>Gets how many items were added.</summary>
    public int Total { get; private set; }

    /// <summary>Gets whether items were left out.</summary>
    public bool Truncated => Total > Capacity;

    public void Add(T item)
    {
        Total++;
        if (Capacity <= 0)
        {
            return;
        }

        if (_kept.Count < Capacity)
        {
            _kept.Enqueue(item, item);
        }
        else if (_order.Compare(item, _kept.Peek()) < 0)
        {
            _kept.DequeueEnqueue(item, item);
        }
    }

    /// <summary>The items kept, first first.</summary>
    public List<T> Sorted()
    {
        var items = _kept.UnorderedItems.Select(static x => x.Element).ToList();
        items.Sort(_order);
        return items;
    }
}

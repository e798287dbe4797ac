using System.Runtime.InteropServices;

namespace HealthScore.Core.Actions;

/// <summary>The outcome of evaluating the action rules for one account: how much was written to the caller's buffers.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct ActionEvaluation
{
    internal ActionEvaluation(int count, int firedCount, int readingCount, int matchedCount)
    {
        Count = count;
        FiredCount = firedCount;
        ReadingCount = readingCount;
        MatchedCount = matchedCount;
    }

    /// <summary>Gets how many actions were written to the destination, in priority order.</summary>
    public int Count { get; }

    /// <summary>Gets how many of the matched actions fired (the rest were held back).</summary>
    public int FiredCount { get; }

    /// <summary>Gets how many readings were written to the readings buffer.</summary>
    public int ReadingCount { get; }

    /// <summary>Gets how many actions matched; more than <see cref="Count"/> when the destination was too small.</summary>
    public int MatchedCount { get; }

    /// <summary>Gets whether the destination was too small to hold every matched action.</summary>
    public bool IsTruncated => MatchedCount > Count;
}

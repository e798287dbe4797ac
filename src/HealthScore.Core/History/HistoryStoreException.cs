namespace HealthScore.Core.History;

/// <summary>
/// A history store cannot be used as it is: the file is not a store, was written by a newer version, or cannot be opened.
/// The message names the store and says what to do; nothing was changed.
/// </summary>
public sealed class HistoryStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="store">The store (a file path, a connection's name).</param>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public HistoryStoreException(string store, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Store = store;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public HistoryStoreException(string message)
        : base(message)
    {
        Store = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HistoryStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
        Store = string.Empty;
    }

    /// <summary>Creates the exception with no message.</summary>
    public HistoryStoreException()
    {
        Store = string.Empty;
    }

    /// <summary>Gets the store, as it was named when it was opened.</summary>
    public string Store { get; }
}

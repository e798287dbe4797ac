using HealthScore.Core.Model;

namespace HealthScore.Core.Serialization;

/// <summary>Reading documents without blocking a thread on I/O: the bytes are read asynchronously, then parsed and compiled as by the synchronous methods.</summary>
public static partial class HealthModelDocument
{
    /// <summary>Reads a model document from a stream of UTF-8 JSON without blocking on the stream.</summary>
    /// <param name="utf8Json">The stream; read to its end, not closed.</param>
    /// <param name="types">The scoring function types the document may use; <see langword="null"/> for the built-in ones (<see cref="ScoringFunctionTypes.Default"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="HealthModelException">The document is malformed or has an unknown property or a value of the wrong type.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<HealthModelDefinition> ReadAsync(Stream utf8Json, ScoringFunctionTypes? types = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = await ReadToEndAsync(utf8Json, cancellationToken).ConfigureAwait(false);
        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), types);
    }

    /// <summary>Reads a model document from a stream of UTF-8 JSON without blocking on the stream, and compiles it.</summary>
    /// <param name="utf8Json">The stream; read to its end, not closed.</param>
    /// <param name="types">The scoring function types the document may use; <see langword="null"/> for the built-in ones (<see cref="ScoringFunctionTypes.Default"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="HealthModelException">The document or the model it describes is invalid; every problem is listed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<HealthModel> CompileAsync(Stream utf8Json, ScoringFunctionTypes? types = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = await ReadToEndAsync(utf8Json, cancellationToken).ConfigureAwait(false);
        return Compile(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), types);
    }

    /// <summary>Reads a model document file without blocking on the file, and compiles it.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="types">The scoring function types the document may use; <see langword="null"/> for the built-in ones (<see cref="ScoringFunctionTypes.Default"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The compiled model.</returns>
    /// <exception cref="HealthModelException">The document or the model it describes is invalid; every problem is listed.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<HealthModel> CompileFileAsync(string path, ScoringFunctionTypes? types = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Compile(bytes, types);
    }

    private static async Task<MemoryStream> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }
}

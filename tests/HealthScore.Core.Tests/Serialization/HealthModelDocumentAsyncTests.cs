using System.Text;
using HealthScore.Core.Model;
using HealthScore.Core.Serialization;
using HealthScore.Core.Tests.Hosting;

namespace HealthScore.Core.Tests.Serialization;

public sealed class HealthModelDocumentAsyncTests
{
    [Fact]
    public async Task CompileFileAsync_ValidFile_EqualsTheSynchronousCompile()
    {
        var path = Path.Combine(HostingFixtures.TempDirectory(), "model.json");
        await File.WriteAllTextAsync(path, HostingFixtures.DocumentA);

        var model = await HealthModelDocument.CompileFileAsync(path);

        Assert.Equal(HealthModelDocument.CompileFile(path).Hash, model.Hash);
    }

    [Fact]
    public async Task CompileAsync_Stream_ReadsToTheEndAndLeavesItOpen()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(HostingFixtures.DocumentB));

        var model = await HealthModelDocument.CompileAsync(stream);

        Assert.Equal(HostingFixtures.ModelB.Hash, model.Hash);
        Assert.True(stream.CanRead);
    }

    [Fact]
    public async Task ReadAsync_Stream_GivesTheDefinition()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(HostingFixtures.DocumentB));

        var definition = await HealthModelDocument.ReadAsync(stream);

        Assert.Equal(HostingFixtures.ModelB.Hash, HealthModel.Compile(definition).Hash);
    }

    [Fact]
    public async Task CompileAsync_InvalidDocument_ListsTheErrorsLikeCompile()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(HostingFixtures.InvalidDocument));

        var error = await Assert.ThrowsAsync<HealthModelException>(() => HealthModelDocument.CompileAsync(stream));

        Assert.Equal(
            Assert.Throws<HealthModelException>(() => HealthModelDocument.Compile(HostingFixtures.InvalidDocument)).Message,
            error.Message);
    }

    [Fact]
    public async Task CompileFileAsync_Cancelled_ThrowsOperationCanceled()
    {
        var path = Path.Combine(HostingFixtures.TempDirectory(), "model.json");
        await File.WriteAllTextAsync(path, HostingFixtures.DocumentA);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HealthModelDocument.CompileFileAsync(path, cancellationToken: cancel.Token));
    }

    [Fact]
    public async Task ReadAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(HostingFixtures.DocumentA));
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => HealthModelDocument.ReadAsync(stream, cancellationToken: cancel.Token));
    }
}

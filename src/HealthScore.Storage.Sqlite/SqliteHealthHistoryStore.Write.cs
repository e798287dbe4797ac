using System.Globalization;
using HealthScore.Core.History;
using HealthScore.Core.Pipeline;
using Microsoft.Data.Sqlite;

namespace HealthScore.Storage.Sqlite;

/// <summary>The writes: each one transaction that takes the write lock at its start (<c>BEGIN IMMEDIATE</c>), so two writers queue rather than fail.</summary>
public sealed partial class SqliteHealthHistoryStore
{
    /// <inheritdoc/>
    public ValueTask<bool> AppendAsync(HealthSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var records = ActionRecord.FromSnapshot(snapshot);
        var json = Compact(snapshot);

        // Read back before writing: a snapshot that would not load again is refused now, not found broken later.
        HealthSnapshotJson.Read(json, "snapshot of account '" + snapshot.AccountId + "'");
        cancellationToken.ThrowIfCancellationRequested();
        return new(Run(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var ticks = snapshot.AsOf.UtcTicks;
            using (var insert = Command(
                connection,
                transaction,
                """
                INSERT INTO snapshots (account_id, as_of, as_of_utc, as_of_date, model_id, model_version, model_hash, profile, phase, band, score, coverage, snapshot_json)
                VALUES ($account, $asOf, $utc, $date, $modelId, $modelVersion, $modelHash, $profile, $phase, $band, $score, $coverage, $json)
                ON CONFLICT (account_id, as_of_utc, model_hash) DO NOTHING;
                """,
                ("$account", snapshot.AccountId),
                ("$asOf", TimeText(snapshot.AsOf)),
                ("$utc", ticks),
                ("$date", DayText(snapshot.AsOf)),
                ("$modelId", snapshot.ModelId),
                ("$modelVersion", snapshot.ModelVersion),
                ("$modelHash", snapshot.ModelHash),
                ("$profile", snapshot.Profile),
                ("$phase", snapshot.Phase),
                ("$band", snapshot.Band),
                ("$score", snapshot.Score),
                ("$coverage", snapshot.Coverage),
                ("$json", json)))
            {
                if (insert.ExecuteNonQuery() == 0)
                {
                    return false; // already stored: the transaction rolls back with nothing written
                }
            }

            using (var command = Command(
                connection,
                transaction,
                """
                INSERT INTO action_records (account_id, as_of_utc, model_hash, action_id, as_of, as_of_date, status, consecutive_matches)
                VALUES ($account, $utc, $modelHash, $action, $asOf, $date, $status, $matches);
                """,
                ("$account", snapshot.AccountId),
                ("$utc", ticks),
                ("$modelHash", snapshot.ModelHash),
                ("$action", null),
                ("$asOf", TimeText(snapshot.AsOf)),
                ("$date", DayText(snapshot.AsOf)),
                ("$status", null),
                ("$matches", null)))
            {
                foreach (var record in records)
                {
                    command.Parameters["$action"].Value = record.ActionId;
                    command.Parameters["$status"].Value = Names.Of(record.Status);
                    command.Parameters["$matches"].Value = record.ConsecutiveMatches;
                    command.ExecuteNonQuery();
                }
            }

            transaction.Commit();
            return true;
        }));
    }

    /// <inheritdoc/>
    public ValueTask SetOverridesAsync(string accountId, IReadOnlyList<HealthOverride> accountOverrides, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var overrides = HistoryChecks.Overrides(accountOverrides);
        cancellationToken.ThrowIfCancellationRequested();
        Run(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var delete = Command(connection, transaction, "DELETE FROM overrides WHERE account_id = $account;", ("$account", accountId)))
            {
                delete.ExecuteNonQuery();
            }

            for (var i = 0; i < overrides.Length; i++)
            {
                var o = overrides[i];
                using var insert = Command(
                    connection,
                    transaction,
                    "INSERT INTO overrides (account_id, position, target, metric, value, band, author, comment, set_at, valid_until) VALUES ($account, $position, $target, $metric, $value, $band, $author, $comment, $setAt, $validUntil);",
                    ("$account", accountId),
                    ("$position", i),
                    ("$target", Names.Of(o.Target)),
                    ("$metric", o.Metric),
                    ("$value", o.Value),
                    ("$band", o.Band),
                    ("$author", o.Author),
                    ("$comment", o.Comment),
                    ("$setAt", TimeText(o.SetAt)),
                    ("$validUntil", o.ValidUntil is { } until ? TimeText(until) : null));
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0;
        });
        return default;
    }

    /// <inheritdoc/>
    public ValueTask AddManualInputAsync(string accountId, ManualInput input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        Run(connection =>
        {
            using var insert = Command(
                connection,
                null,
                "INSERT INTO manual_inputs (account_id, metric_id, value, category, observed_at, author, comment) VALUES ($account, $metric, $value, $category, $observedAt, $author, $comment);",
                ("$account", accountId),
                ("$metric", input.Metric),
                ("$value", input.Value),
                ("$category", input.Category),
                ("$observedAt", TimeText(input.ObservedAt)),
                ("$author", input.Author),
                ("$comment", input.Comment));
            return insert.ExecuteNonQuery();
        });
        return default;
    }

    /// <inheritdoc/>
    public ValueTask<int> CloseActionAsync(string accountId, string actionId, ActionClosure closure, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentException.ThrowIfNullOrEmpty(actionId);
        ArgumentNullException.ThrowIfNull(closure);
        cancellationToken.ThrowIfCancellationRequested();
        return new(Run(connection =>
        {
            using var update = Command(
                connection,
                null,
                """
                UPDATE action_records SET closure = $closure, closed_at = $at, closed_by = $by, closure_comment = $comment
                WHERE account_id = $account AND action_id = $action AND status = 'fired' AND closure IS NULL AND as_of_date <= $day;
                """,
                ("$closure", Names.Of(closure.Kind)),
                ("$at", TimeText(closure.At)),
                ("$by", closure.By),
                ("$comment", closure.Comment),
                ("$account", accountId),
                ("$action", actionId),
                ("$day", DayText(closure.At)));
            return update.ExecuteNonQuery();
        }));
    }

    /// <inheritdoc/>
    /// <remarks>The erased rows are overwritten in the file (<c>PRAGMA secure_delete</c>), and the write-ahead log is checkpointed and truncated, so no copy stays in it unless another connection is reading at that moment (then it goes at the next checkpoint).</remarks>
    public ValueTask<bool> ForgetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        cancellationToken.ThrowIfCancellationRequested();
        return new(Run(connection =>
        {
            var erased = 0;
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                foreach (var table in (string[])["snapshots", "action_records", "overrides", "manual_inputs"])
                {
                    using var delete = Command(connection, transaction, $"DELETE FROM {table} WHERE account_id = $account;", ("$account", accountId));
                    erased += delete.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            Checkpoint(connection);
            return erased > 0;
        }));
    }

    /// <inheritdoc/>
    public ValueTask<int> DropSnapshotsBeforeAsync(DateOnly cutoff, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var day = cutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new(Run(connection =>
        {
            int dropped;
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                using (var records = Command(
                    connection,
                    transaction,
                    """
                    DELETE FROM action_records
                    WHERE NOT (status = 'fired' AND closure IS NULL)
                      AND EXISTS (SELECT 1 FROM snapshots s WHERE s.account_id = action_records.account_id AND s.as_of_utc = action_records.as_of_utc
                                  AND s.model_hash = action_records.model_hash AND s.as_of_date < $cutoff);
                    """,
                    ("$cutoff", day)))
                {
                    records.ExecuteNonQuery();
                }

                using (var snapshots = Command(connection, transaction, "DELETE FROM snapshots WHERE as_of_date < $cutoff;", ("$cutoff", day)))
                {
                    dropped = snapshots.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            if (dropped > 0)
            {
                Checkpoint(connection);
            }

            return dropped;
        }));
    }

    // Copies the log into the file and truncates it, so deleted rows leave no copy in the log.
    private static void Checkpoint(SqliteConnection connection) => SqliteSchema.Scalar(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
}

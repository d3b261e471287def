import Foundation
import ModerationStore
import PostgresNIO

extension PostgresStore {
    /// Stores one accepted submission and wakes idle workers; a repeated idempotency key returns the first id.
    public func submit(_ comment: NewComment) async throws -> SubmitResult {
        try StoreContract.checkText(comment)
        let results = try await submit(batch: [comment])
        guard let result = results.first else {
            throw StoreError(.backend, "PostgreSQL returned no id for the submission")
        }
        return result
    }

    /// Stores many submissions in one transaction, in order, and wakes idle workers once.
    ///
    /// The whole batch is one statement: the rows go to the server as arrays, `INSERT … SELECT FROM unnest(…)`
    /// takes their ids from the sequence in submission order, and `pg_notify` in the same statement wakes the
    /// listeners when it commits. A key repeated within the batch behaves as if the rows came one after another:
    /// the first is created, the others return its id.
    public func submit(batch: [NewComment]) async throws -> [SubmitResult] {
        guard !batch.isEmpty else { return [] }
        // PostgreSQL refuses NUL in text (22021) and would fail the whole statement without naming the row.
        try StoreContract.checkText(batch: batch)
        let columns = SubmissionColumns(batch)
        // Run twice after a lost commit, a keyed batch finds its rows again; a keyless one could store them twice.
        let retrySafe = batch.allSatisfy { $0.key != nil }
        let rows = try await perform("submit", .statement(retrySafe: retrySafe)) { connection in
            try await connection.rows(
                """
                WITH input AS (
                    SELECT t.*, nextval(pg_get_serial_sequence('comments', 'id')) AS id
                    FROM unnest(\(columns.article)::text[], \(columns.name)::text[], \(columns.email)::text[],
                                \(columns.url)::text[], \(columns.hasURL)::bool[], \(columns.ip)::text[], \(columns.hasIP)::bool[],
                                \(columns.body)::text[], \(columns.key)::text[], \(columns.hasKey)::bool[],
                                \(columns.submittedAt)::timestamptz[])
                         WITH ORDINALITY AS t(article, name, email, url, has_url, ip, has_ip, body, key, has_key, submitted_at, ord)
                ),
                inserted AS (
                    INSERT INTO comments (id, article, name, email, url, ip, body, key, submitted_at, state, updated_at)
                    SELECT id, article, name, email,
                           CASE WHEN has_url THEN url END, CASE WHEN has_ip THEN ip END, body,
                           CASE WHEN has_key THEN key END, submitted_at, 'pending', submitted_at
                    FROM input
                    ORDER BY ord
                    ON CONFLICT (key) DO NOTHING
                    RETURNING id
                ),
                woken AS (
                    -- Delivered at commit to every listener; the payload names this schema's queue.
                    SELECT pg_notify(\(WorkListener.channel), coalesce(current_schema(), ''))
                    WHERE EXISTS (SELECT 1 FROM inserted)
                )
                SELECT input.ord, input.id, inserted.id IS NOT NULL AS created, (SELECT count(*) FROM woken) AS woken
                FROM input LEFT JOIN inserted USING (id)
                ORDER BY input.ord
                """, logger: logger)
        }
        guard rows.count == batch.count else {
            throw StoreError(.backend, "PostgreSQL returned \(rows.count) rows for \(batch.count) submissions")
        }

        var results: [SubmitResult] = []
        results.reserveCapacity(batch.count)
        var existingKeys: [String] = []
        for row in rows {
            let (ordinal, id, created, _) = try row.decode((Int, Int64, Bool, Int).self)
            results.append(SubmitResult(id: id, created: created))
            if !created, let key = batch[ordinal - 1].key { existingKeys.append(key) }
        }
        guard !existingKeys.isEmpty else { return results }

        // Keys stored before (or earlier in this batch, now committed): return the stored ids.
        let found = try await perform("submit", .read) { connection in
            try await connection.rows("SELECT key, id FROM comments WHERE key = ANY(\(existingKeys))", logger: logger)
        }
        var idByKey: [String: Int64] = [:]
        for row in found {
            let (key, id) = try row.decode((String, Int64).self)
            idByKey[key] = id
        }
        for index in results.indices where !results[index].created {
            guard let key = batch[index].key, let id = idByKey[key] else {
                throw StoreError(.backend, "a submission was neither stored nor found by its key")
            }
            results[index].id = id
        }
        return results
    }
}

/// A batch of submissions as one array per column; nullable fields carry a `has…` flag, because PostgresNIO
/// encodes arrays without NULL elements.
private struct SubmissionColumns {
    var article: [String] = []
    var name: [String] = []
    var email: [String] = []
    var url: [String] = []
    var hasURL: [Bool] = []
    var ip: [String] = []
    var hasIP: [Bool] = []
    var body: [String] = []
    var key: [String] = []
    var hasKey: [Bool] = []
    var submittedAt: [Date] = []

    init(_ batch: [NewComment]) {
        for comment in batch {
            article.append(comment.article)
            name.append(comment.name)
            email.append(comment.email)
            url.append(comment.url ?? "")
            hasURL.append(comment.url != nil)
            ip.append(comment.ip ?? "")
            hasIP.append(comment.ip != nil)
            body.append(comment.body)
            key.append(comment.key ?? "")
            hasKey.append(comment.key != nil)
            submittedAt.append(comment.submittedAt)
        }
    }
}

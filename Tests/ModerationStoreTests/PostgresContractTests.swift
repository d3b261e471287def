import Testing

/// The store contract on PostgreSQL: the same test bodies as the other contract suites, each on a
/// fresh schema. Skipped, and reported as skipped, without `MODERATE_TEST_POSTGRES_URL`.
///
/// A new contract test is added here too (one line), so that PostgreSQL runs it.
@Suite(
    "Store contract on PostgreSQL", .enabled(if: StoreKind.postgresURL != nil, "MODERATE_TEST_POSTGRES_URL is not set"),
    .timeLimit(.minutes(1)))
struct PostgresContractTests {
    @Test("Bans") func bans() async throws { try await BanContractTests().bans(kind: .postgres) }
    @Test("Bans: reject held") func banRejectsHeld() async throws {
        try await BanContractTests().banRejectsHeld(kind: .postgres)
    }

    @Test("Last good rules") func lastGoodRules() async throws {
        try await RulesContractTests().lastGoodRules(kind: .postgres)
    }

    @Test("Listing: filters") func filters() async throws { try await ListingContractTests().filters(kind: .postgres) }
    @Test("Listing: state counts") func stateCounts() async throws {
        try await ListingContractTests().stateCounts(kind: .postgres)
    }
    @Test("Listing: empty history") func emptyHistory() async throws {
        try await ListingContractTests().emptyHistory(kind: .postgres)
    }

    @Test("Moderation: decide") func decide() async throws { try await ModerationContractTests().decide(kind: .postgres) }
    @Test("Moderation: unknown id") func unknownID() async throws {
        try await ModerationContractTests().unknownID(kind: .postgres)
    }
    @Test("Moderation: conflicts") func conflicts() async throws {
        try await ModerationContractTests().conflicts(kind: .postgres)
    }
    @Test("Moderation: same state") func sameState() async throws {
        try await ModerationContractTests().sameState(kind: .postgres)
    }
    @Test("Moderation: undo") func undo() async throws { try await ModerationContractTests().undo(kind: .postgres) }
    @Test("Moderation: undo own and stale") func undoOwnAndStale() async throws {
        try await ModerationContractTests().undoOwnAndStale(kind: .postgres)
    }
    @Test("Moderation: stale decision refused") func staleDecision() async throws {
        try await ModerationContractTests().staleDecision(kind: .postgres)
    }

    @Test("Review claims: two reviewers") func twoReviewers() async throws {
        try await ReviewClaimContractTests().twoReviewers(kind: .postgres)
    }
    @Test("Review claims: filters and skips") func reviewFilters() async throws {
        try await ReviewClaimContractTests().filtersAndSkips(kind: .postgres)
    }
    @Test("Review claims: others refused") func claimRefusesOthers() async throws {
        try await ReviewClaimContractTests().claimRefusesOthers(kind: .postgres)
    }

    @Test("Queue: claim once") func claimOnce() async throws { try await QueueContractTests().claimOnce(kind: .postgres) }
    @Test("Queue: expired lease") func expiredLease() async throws {
        try await QueueContractTests().expiredLease(kind: .postgres)
    }
    @Test("Queue: complete writes") func completeWrites() async throws {
        try await QueueContractTests().completeWrites(kind: .postgres)
    }
    @Test("Queue: written once") func writtenOnce() async throws { try await QueueContractTests().writtenOnce(kind: .postgres) }
    @Test("Queue: pending verdict refused") func pendingVerdictRefused() async throws {
        try await QueueContractTests().pendingVerdictRefused(kind: .postgres)
    }
    @Test("Queue: release") func release() async throws { try await QueueContractTests().release(kind: .postgres) }
    @Test("Queue: wait for work") func waitForWork() async throws { try await QueueContractTests().waitForWork(kind: .postgres) }

    @Test("Submit: round trip") func roundTrip() async throws { try await SubmitContractTests().roundTrip(kind: .postgres) }
    @Test("Submit: idempotent key") func idempotentKey() async throws {
        try await SubmitContractTests().idempotentKey(kind: .postgres)
    }
    @Test("Submit: no key, no merge") func noKeyNoMerge() async throws {
        try await SubmitContractTests().noKeyNoMerge(kind: .postgres)
    }
    @Test("Submit: batch order") func batchOrder() async throws { try await SubmitContractTests().batchOrder(kind: .postgres) }
    @Test("Submit: control characters") func controlCharacters() async throws {
        try await SubmitContractTests().controlCharacters(kind: .postgres)
    }
}

import ModerationStore
import PostgresNIO

/// What a PostgreSQL or connection error means for the store: the `StoreError` to throw, and whether
/// trying again may help.
struct PostgresFailure: Sendable {
    /// Why a call failed, as far as retrying is concerned.
    enum Cause: Sendable, Equatable {
        /// The connection was refused, lost or closed: the statement may not have reached the server.
        case connection
        /// A serialization failure or deadlock: the server rolled the transaction back.
        case contention
        /// Anything else: retrying would fail the same way.
        case permanent
    }

    /// The error callers see.
    var error: StoreError
    /// Whether and why retrying may help.
    var cause: Cause
    /// Whether the server itself reported the failure (with a SQLSTATE). It then answered instead of committing,
    /// so the statement or transaction did not take effect, even when the server then closed the connection.
    var serverReported: Bool { error.code != nil }

    /// Classifies any error thrown by PostgresNIO, its pool or the store itself.
    init(_ error: any Error) {
        switch error {
        case let storeError as StoreError:
            self.init(error: storeError, cause: .permanent)
        case let psql as PSQLError:
            self = Self.classify(psql)
        case _ where String(reflecting: type(of: error)).hasSuffix("ConnectionPoolError"):
            // The pool's error type lives in PostgresNIO's unstable `_ConnectionPoolModule`; matching its printed
            // form keeps this module off that product.
            let text = String(describing: error)
            if text.contains("CircuitBreaker") {
                self.init(error: StoreError(.unavailable, "PostgreSQL has been unreachable for too long"), cause: .connection)
            } else if text.contains("poolShutdown") {
                self.init(error: StoreError(.unavailable, "the PostgreSQL store has been shut down"), cause: .permanent)
            } else {
                self.init(error: StoreError(.backend, "the PostgreSQL request was cancelled"), cause: .permanent)
            }
        case is CancellationError:
            self.init(error: StoreError(.backend, "the PostgreSQL call was cancelled"), cause: .permanent)
        case is ChannelError, is IOError:
            self.init(error: StoreError(.unavailable, "cannot reach PostgreSQL: \(error)"), cause: .connection)
        default:
            self.init(
                error: StoreError(.backend, "PostgreSQL call failed: \(String(describing: type(of: error)))"),
                cause: .permanent)
        }
    }

    init(error: StoreError, cause: Cause) {
        self.error = error
        self.cause = cause
    }

    private static func classify(_ psql: PSQLError) -> PostgresFailure {
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState] ?? ""
            let message = "PostgreSQL: " + (psql.serverInfo?[.message] ?? "server error")
            return fromSQLState(state, message: message)
        case .connectionError:
            let reason = psql.underlying.map { "\($0)" } ?? "connection failed"
            return PostgresFailure(error: StoreError(.unavailable, "cannot reach PostgreSQL: \(reason)"), cause: .connection)
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return PostgresFailure(error: StoreError(.unavailable, "the PostgreSQL connection was lost"), cause: .connection)
        case .poolClosed:
            return PostgresFailure(error: StoreError(.unavailable, "the PostgreSQL store has been shut down"), cause: .permanent)
        case .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest,
            .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
            return PostgresFailure(
                error: StoreError(.unavailable, "cannot log in to PostgreSQL (\(psql.code))"),
                cause: .permanent)
        case .queryCancelled:
            return PostgresFailure(error: StoreError(.busy, "the PostgreSQL query was cancelled"), cause: .permanent)
        default:
            return PostgresFailure(error: StoreError(.backend, "PostgreSQL client error (\(psql.code))"), cause: .permanent)
        }
    }

    /// Maps a SQLSTATE: connection and shutdown classes are `.unavailable` and retried, serialization failures
    /// and deadlocks are `.busy` and retried, lock and statement timeouts are `.busy`, the rest `.backend`.
    static func fromSQLState(_ state: String, message: String) -> PostgresFailure {
        switch state {
        case "40001", "40P01":
            return PostgresFailure(error: StoreError(.busy, message, code: state), cause: .contention)
        case "55P03", "57014":
            return PostgresFailure(error: StoreError(.busy, message, code: state), cause: .permanent)
        case "57P01", "57P02", "57P03":
            return PostgresFailure(error: StoreError(.unavailable, message, code: state), cause: .connection)
        case "3D000", "3F000":
            return PostgresFailure(error: StoreError(.unavailable, message, code: state), cause: .permanent)
        default:
            if state.hasPrefix("08") {
                return PostgresFailure(error: StoreError(.unavailable, message, code: state), cause: .connection)
            }
            if state.hasPrefix("28") || state.hasPrefix("53") {
                return PostgresFailure(error: StoreError(.unavailable, message, code: state), cause: .permanent)
            }
            return PostgresFailure(error: StoreError(.backend, message, code: state), cause: .permanent)
        }
    }
}

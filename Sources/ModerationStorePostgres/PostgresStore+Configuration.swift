import Foundation
import ModerationStore
import PostgresNIO

extension PostgresStore {
    /// Where and how a ``PostgresStore`` connects, usually read from a `postgres://` URL.
    ///
    /// TLS is not supported by this build: `sslmode` `disable`, `allow` and `prefer` connect without TLS,
    /// and `require`, `verify-ca` and `verify-full` are refused rather than silently downgraded.
    public struct Configuration: Sendable, Equatable {
        /// The server's host name or IP address.
        public var host: String
        /// The server's TCP port.
        public var port: Int
        /// The role to log in as.
        public var username: String
        /// The role's password, if it has one.
        public var password: String?
        /// The database to use.
        public var database: String
        /// A schema to keep every table in, created when missing; nil uses the role's default search path.
        ///
        /// Lowercase letters, digits and underscores only, starting with a letter or underscore (at most 63).
        public var schema: String?
        /// The name the server shows for this store's connections (`pg_stat_activity.application_name`).
        public var applicationName: String
        /// The most pooled connections the store opens at once (the work listener takes one more).
        public var maximumConnections: Int
        /// How long one connection attempt may take before it counts as failed.
        public var connectTimeout: Duration
        /// How calls that lose their connection are retried.
        public var retry: RetryPolicy
        /// Whether to keep a connection that listens for new work, for ``PostgresStore/waitForWork(timeout:)``.
        ///
        /// Without it `waitForWork` simply waits out its timeout. Commands that never wait can turn it off.
        public var listensForWork: Bool

        /// Creates a configuration.
        public init(
            host: String = "127.0.0.1", port: Int = 5432, username: String, password: String? = nil,
            database: String, schema: String? = nil, applicationName: String = "moderate",
            maximumConnections: Int = 10, connectTimeout: Duration = .seconds(10),
            retry: RetryPolicy = RetryPolicy(), listensForWork: Bool = true
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.password = password
            self.database = database
            self.schema = schema
            self.applicationName = applicationName
            self.maximumConnections = maximumConnections
            self.connectTimeout = connectTimeout
            self.retry = retry
            self.listensForWork = listensForWork
        }

        /// Reads `postgres://user:password@host:port/database?sslmode=disable&schema=name&application_name=name`.
        ///
        /// Throws `StoreError` with kind `.unavailable` for a URL that names no usable database.
        public init(url: String) throws {
            guard let components = URLComponents(string: url),
                let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
            else {
                throw StoreError(.unavailable, "not a postgres:// URL")
            }
            guard let username = components.user, !username.isEmpty else {
                throw StoreError(.unavailable, "the PostgreSQL URL names no user")
            }
            let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
            guard !database.isEmpty else {
                throw StoreError(.unavailable, "the PostgreSQL URL names no database")
            }
            self.init(
                host: components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1",
                port: components.port ?? 5432,
                username: username,
                password: components.password,
                database: database.removingPercentEncoding ?? database)
            for item in components.queryItems ?? [] {
                let value = item.value ?? ""
                switch item.name {
                case "sslmode":
                    guard ["disable", "allow", "prefer"].contains(value) else {
                        throw StoreError(.unavailable, "sslmode=\(value) is not supported: this build connects without TLS")
                    }
                case "schema":
                    schema = value
                case "application_name":
                    applicationName = value
                default:
                    break  // Unknown parameters (connect_timeout, …) are ignored, like libpq ignores unknown options.
                }
            }
            try validate()
        }

        /// Throws when a setting cannot work, e.g. a schema name that is not a plain identifier.
        public func validate() throws {
            if let schema, !Self.isPlainIdentifier(schema) {
                throw StoreError(.unavailable, "schema name must be a plain lowercase identifier (a-z, 0-9, _; at most 63)")
            }
            guard maximumConnections > 0 else {
                throw StoreError(.unavailable, "maximumConnections must be at least 1")
            }
        }

        /// The URL without its password, for logs.
        public var redactedDescription: String {
            "postgres://\(username)@\(host):\(port)/\(database)" + (schema.map { " (schema \($0))" } ?? "")
        }

        static func isPlainIdentifier(_ name: String) -> Bool {
            guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 63,
                first == "_" || ("a"..."z").contains(first)
            else { return false }
            return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }

        /// Startup parameters: the search path (so unqualified names land in `schema`) and the application name.
        var startupParameters: [(String, String)] {
            var parameters = [("application_name", applicationName)]
            if let schema { parameters.append(("search_path", schema)) }
            return parameters
        }

        /// The pool's configuration.
        var clientConfiguration: PostgresClient.Configuration {
            var configuration = PostgresClient.Configuration(
                host: host, port: port, username: username,
                password: password, database: database, tls: .disable)
            configuration.options.maximumConnections = maximumConnections
            configuration.options.connectTimeout = connectTimeout
            configuration.options.additionalStartupParameters = startupParameters
            return configuration
        }

        /// The configuration of a single connection outside the pool (migrations, the work listener).
        var connectionConfiguration: PostgresConnection.Configuration {
            var configuration = PostgresConnection.Configuration(
                host: host, port: port, username: username,
                password: password, database: database, tls: .disable)
            configuration.options.connectTimeout = .nanoseconds(
                Int64(connectTimeout.components.seconds) * 1_000_000_000
                    + connectTimeout.components.attoseconds / 1_000_000_000)
            configuration.options.additionalStartupParameters = startupParameters
            return configuration
        }
    }
}

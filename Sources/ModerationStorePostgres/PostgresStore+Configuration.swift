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
        /// User, password, host, database and parameters are percent-decoded; the port is 1 to 65535. Throws
        /// ``PostgresStore/ConfigurationError`` (whose message never holds the password) for a URL that is
        /// malformed, names no user or database, or asks for TLS. Unknown parameters are ignored.
        public init(url: String) throws(PostgresStore.ConfigurationError) {
            let parsed = try PostgresURL(url)
            self.init(
                host: parsed.host ?? "127.0.0.1", port: parsed.port ?? 5432, username: parsed.username,
                password: parsed.password, database: parsed.database)
            for (name, value) in parsed.parameters {
                switch name {
                case "sslmode":
                    switch value {
                    case "disable", "allow", "prefer":
                        break
                    case "require", "verify-ca", "verify-full":
                        throw PostgresStore.ConfigurationError(
                            "sslmode=\(value) is not supported: this build connects without TLS (use sslmode=disable, "
                                + "on a private network or through a tunnel)")
                    default:
                        throw PostgresStore.ConfigurationError(
                            "the sslmode given is not one of disable, allow, prefer, require, verify-ca, verify-full")
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
        public func validate() throws(PostgresStore.ConfigurationError) {
            if let schema, !Self.isPlainIdentifier(schema) {
                throw PostgresStore.ConfigurationError(
                    "schema '\(PostgresURL.printable(schema))' is not a plain lowercase identifier (a-z, 0-9, _; "
                        + "starting with a letter or _; at most 63)")
            }
            if applicationName.isEmpty || applicationName.count > 63
                || !applicationName.allSatisfy({ $0.isASCII && $0.asciiValue! >= 0x20 && $0.asciiValue! < 0x7F })
            {
                throw PostgresStore.ConfigurationError(
                    "application_name must be 1 to 63 printable ASCII characters")
            }
            guard (1...65535).contains(port) else {
                throw PostgresStore.ConfigurationError("the port must be a number from 1 to 65535")
            }
            guard maximumConnections > 0 else {
                throw PostgresStore.ConfigurationError("maximumConnections must be at least 1")
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

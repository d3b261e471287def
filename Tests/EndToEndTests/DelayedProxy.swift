import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP port on 127.0.0.1 that refuses connections until ``start(forwardingTo:)``, then forwards each
/// one to a port of the same host: a database server that comes up while a client waits for it, without
/// touching the real server.
final class DelayedProxy: @unchecked Sendable {
    // Safe: `descriptors` is only touched under `lock`; `listener` and `port` are set once in init.
    /// The port clients connect to.
    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var descriptors: [Int32] = []

    /// Binds a free port without listening on it: until `start`, the kernel refuses connections to it.
    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard descriptor >= 0, bound == 0, named == 0 else {
            if descriptor >= 0 { close(descriptor) }
            throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "cannot bind a proxy port"])
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    /// Starts accepting, forwarding every connection to `target` on 127.0.0.1.
    func start(forwardingTo target: UInt16) {
        listen(listener, 16)
        let listener = listener
        DispatchQueue.global().async {
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 {
                    if errno == EINTR { continue }
                    return
                }
                let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = Self.loopback(port: target)
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                self.keep(client, upstream)
                guard connected == 0 else {
                    shutdown(client, Int32(SHUT_RDWR))
                    continue
                }
                DispatchQueue.global().async { Self.pump(from: client, to: upstream) }
                DispatchQueue.global().async { Self.pump(from: upstream, to: client) }
            }
        }
    }

    /// Stops accepting and closes every connection.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        lock.lock()
        let open = descriptors
        descriptors = []
        lock.unlock()
        for descriptor in open { shutdown(descriptor, Int32(SHUT_RDWR)) }
        // Give the pumps a moment to see the shutdown before the descriptors are reused.
        Thread.sleep(forTimeInterval: 0.2)
        for descriptor in open + [listener] { close(descriptor) }
    }

    private func keep(_ new: Int32...) {
        lock.lock()
        descriptors += new
        lock.unlock()
    }

    private static func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            var sent = 0
            while sent < got {
                let wrote = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + sent, got - sent) }
                if wrote < 0 && errno == EINTR { continue }
                guard wrote > 0 else {
                    shutdown(source, Int32(SHUT_RDWR))
                    return
                }
                sent += wrote
            }
        }
        shutdown(destination, Int32(SHUT_WR))
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

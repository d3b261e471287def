import Foundation

// Parsing alone, one JSONL file, three readers side by side: `JSONLineReader` (the hand-written
// reader, with SubmissionLine's keys), `JSONDecoder` into a `Decodable` struct of the same fields,
// and `JSONSerialization` reading the same fields out of its dictionary. Built by
// Benchmarks/json-reader.sh together with the reader's sources; prints each reader's best pass of
// ROUNDS interleaved passes, in nanoseconds a line.

let keys = ["id", "article", "name", "email", "url", "ip", "key", "body", "text"]

/// The fields `SubmissionLine` reads, decoded; a number or a boolean is taken for `id` and `article`.
struct Fields: Decodable {
    var values: [String?] = []

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for name in keys {
            let key = Key(stringValue: name)
            guard container.contains(key), try !container.decodeNil(forKey: key) else {
                values.append(nil)
                continue
            }
            if let value = try? container.decode(String.self, forKey: key) {
                values.append(value)
            } else if let value = try? container.decode(Int.self, forKey: key) {
                values.append(String(value))
            } else {
                values.append(String(try container.decode(Double.self, forKey: key)))
            }
        }
    }
}

let path = CommandLine.arguments[1]
let rounds = Int(ProcessInfo.processInfo.environment["ROUNDS"] ?? "") ?? 7
let lines = try Data(contentsOf: URL(fileURLWithPath: path)).split(separator: 0x0A).map { Data($0) }
let reader = JSONLineReader(keys: keys)
let decoder = JSONDecoder()

func handWritten() -> Int {
    var kept = 0
    for line in lines {
        if let values = try? reader.read(line) { kept += values.count { $0 != nil } }
    }
    return kept
}

func jsonDecoder() -> Int {
    var kept = 0
    for line in lines {
        if let fields = try? decoder.decode(Fields.self, from: line) { kept += fields.values.count { $0 != nil } }
    }
    return kept
}

func jsonSerialization() -> Int {
    var kept = 0
    for line in lines {
        guard let object = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] else { continue }
        for key in keys {
            switch object[key] {
            case let value as String: kept += value.isEmpty ? 1 : 1
            case let value as NSNumber: kept += value.stringValue.isEmpty ? 1 : 1
            default: break
            }
        }
    }
    return kept
}

let readers: [(name: String, run: () -> Int)] = [
    ("JSONLineReader", handWritten), ("JSONDecoder", jsonDecoder), ("JSONSerialization", jsonSerialization),
]
var best = [Double](repeating: .infinity, count: readers.count)
var kept = [Int](repeating: 0, count: readers.count)
for _ in 0..<rounds {
    for (index, reader) in readers.enumerated() {
        let start = DispatchTime.now().uptimeNanoseconds
        kept[index] = reader.run()
        best[index] = min(best[index], Double(DispatchTime.now().uptimeNanoseconds - start))
    }
}
print("\(lines.count) lines, \(lines.reduce(0) { $0 + $1.count }) bytes; best of \(rounds) interleaved passes")
for (index, reader) in readers.enumerated() {
    let name = reader.name.padding(toLength: 18, withPad: " ", startingAt: 0)
    print(name + String(format: "%8.0f ns a line  %5.2fx JSONLineReader's time  (%d values kept)",
                        best[index] / Double(lines.count), best[index] / best[0], kept[index]))
}

/// Which mapping-log lines `jobnet-gateway log` shows: by operation, by outcome (a STAR code or
/// "ok") and by correlation id. Gateway events (a mapping reload, a recovered rebooking) are always shown.
public struct MappingLogFilter: Sendable {
    public var operation: String?
    public var outcome: String?
    public var correlationId: String?

    public init(operation: String? = nil, outcome: String? = nil, correlationId: String? = nil) {
        self.operation = operation
        self.outcome = outcome
        self.correlationId = correlationId
    }

    public func matches(operation: String, outcome: String, correlationId: String) -> Bool {
        (self.operation.map { $0.caseInsensitiveCompare(operation) == .orderedSame } ?? true)
            && (self.outcome.map { $0 == outcome } ?? true)
            && (self.correlationId.map { $0 == correlationId } ?? true)
    }

    /// How one line of the log is shown: its readable text form, or nil when the filter hides it.
    /// Reads both forms the gateway writes (JSON lines and text lines); other lines pass unfiltered.
    public func show(_ line: String, asJSON: Bool = false) -> String? {
        if let record = MappingLogRecord(jsonLine: line) {
            guard matches(operation: record.operation, outcome: record.outcome, correlationId: record.correlationId) else { return nil }
            return asJSON ? line : record.textLine
        }
        if let event = MappingLogEvent(jsonLine: line) { return asJSON ? line : event.textLine }
        // The text form: "<time> <correlation id> <operation> <citizen> -> <outcome> (...)".
        let words = line.split(separator: " ", maxSplits: 6).map(String.init)
        if words.count >= 6, words[4] == "->" {
            return matches(operation: words[2], outcome: words[5], correlationId: words[1]) ? line : nil
        }
        return line
    }
}

import CopenhagenTime
import Foundation
import Logging

/// Where mapping-log records go: JSON lines or readable text, through swift-log, plus an optional
/// in-memory sink (tests, metrics, readiness).
///
/// Besides one record per Jobnet call, the log carries the gateway's own events that change how calls
/// are translated (a mapping reload, taken or refused; a rebooking finished at start-up), so the one
/// file an operator tails tells the whole story.
public struct MappingLog: Sendable {
    public enum Format: String, Sendable, CaseIterable { case json, text }

    public var logger: Logger
    public var format: Format
    public var sink: (@Sendable (MappingLogRecord) -> Void)?

    public init(logger: Logger = Logger(label: "jobnet-gateway.mapping"), format: Format = .json,
                sink: (@Sendable (MappingLogRecord) -> Void)? = nil) {
        self.logger = logger
        self.format = format
        self.sink = sink
    }

    /// A log that writes each line as it is to `file` (standard output or a file).
    public init(file: MappingLogFile, format: Format, sink: (@Sendable (MappingLogRecord) -> Void)? = nil) {
        self.init(logger: Logger(label: "jobnet-gateway.mapping") { _ in file.logHandler() }, format: format, sink: sink)
    }

    public func write(_ record: MappingLogRecord) {
        sink?(record)
        let line = format == .json ? record.jsonLine : record.textLine
        logger.info("\(line)")
    }

    /// One line of the JSON form: keys sorted, slashes as they are (records and events alike).
    static func jsonLine(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// A gateway event (not a Jobnet call): `kind` is a short fixed word, `message` says what happened.
    public func event(_ kind: String, _ message: String, level: Logger.Level = .info) {
        let event = MappingLogEvent(time: Date(), event: kind, message: LogRedaction.scrub(message))
        logger.log(level: level, "\(format == .json ? event.jsonLine : event.textLine)")
    }
}

/// A gateway event line in the mapping log.
public struct MappingLogEvent: Codable, Sendable, Equatable {
    public var time: String
    public var event: String
    public var message: String

    init(time: Date, event: String, message: String) {
        self.time = CopenhagenTime.formatWithMilliseconds(time)
        self.event = event
        self.message = message
    }

    public var jsonLine: String { MappingLog.jsonLine(self) }

    public var textLine: String { "\(time) event \(event): \(message)" }

    public init?(jsonLine: String) {
        guard jsonLine.first == "{", let event = try? JSONDecoder().decode(Self.self, from: Data(jsonLine.utf8)) else { return nil }
        self = event
    }
}

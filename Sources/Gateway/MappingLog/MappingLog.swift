import Foundation
import Logging

/// Where mapping-log records go: JSON lines or readable text, through swift-log, plus an optional
/// in-memory sink for tests.
public struct MappingLog: Sendable {
    public enum Format: String, Sendable { case json, text }

    public var logger: Logger
    public var format: Format
    public var sink: (@Sendable (MappingLogRecord) -> Void)?

    public init(logger: Logger = Logger(label: "jobnet-gateway.mapping"), format: Format = .json,
                sink: (@Sendable (MappingLogRecord) -> Void)? = nil) {
        self.logger = logger
        self.format = format
        self.sink = sink
    }

    public func write(_ record: MappingLogRecord) {
        sink?(record)
        let line = format == .json ? record.jsonLine : record.textLine
        logger.info("\(line)")
    }
}

import CopenhagenTime

/// One error report as a line for an operator's terminal.
public struct FejlmeldingLine: Sendable {
    public let text: String

    public init(_ report: LedgerFejlmelding) {
        let origin = report.origin == 32 ? "Jobnet" : report.origin == 30 ? "DFDG" : String(report.origin)
        var parts = [CopenhagenTime.format(report.receivedAt), "origin \(origin)", "code \(report.code)",
                     "reported \(CopenhagenTime.format(report.reportedAt))"]
        if let offer = report.offerId { parts.append("offer \(offer)") }
        if let booking = report.bookingId { parts.append("booking \(booking)") }
        if let citizen = report.citizen { parts.append("citizen \(citizen)") }
        if let text = report.text, !text.isEmpty { parts.append("\"\(text)\"") }
        text = parts.joined(separator: "  ")
    }
}

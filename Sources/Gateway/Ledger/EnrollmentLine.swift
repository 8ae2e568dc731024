import CopenhagenTime

/// One recorded enrollment as a line for an operator's terminal, to pass on to STAR: no CPR (the
/// ledger has none); the citizen is Planner's person id, which Planner resolves.
public struct EnrollmentLine: Sendable {
    public let text: String

    public init(_ enrollment: LedgerEnrollment) {
        // The booking key is "person|offer|start".
        let key = enrollment.bookingKey.split(separator: "|").map(String.init)
        var parts = [
            CopenhagenTime.format(enrollment.createdAt), "receipt \(enrollment.receiptId)", "Planner person \(enrollment.personId)",
            "enrolled \(CopenhagenTime.day(enrollment.enrollmentDate))", "client category \(enrollment.clientCategory)",
            "unemployment status \(enrollment.unemploymentStatus)",
        ]
        if key.count == 3 { parts.append("booked offer \(key[1]) at \(key[2])") }
        parts.append("professions \(enrollment.professions)")
        text = parts.joined(separator: "  ")
    }
}

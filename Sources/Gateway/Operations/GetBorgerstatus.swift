import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// BS – GetBorgerstatus (digest §4.1): may the citizen self-book, which deadlines apply, and must
/// they book immediately.
///
/// Planner calls, in order: PersonByCpr → GetMicrositeCategories → GetBookings (when an offer defines a deadline).
/// STAR codes: 1010 unknown CPR; Planner trouble 4769 / 9018 / 9303 / 9329 (gateway additions).
///
/// The rule (documented in README.md):
/// - KanSelvbooke: Planner knows the citizen and offers them at least one bookable, unexpired offer.
/// - Frister: one Frist per interview type among those offers whose mapping carries a `deadline` (the
///   earliest when several offers share a type), as the citizen's fixed deadline (`OperationContext+Deadlines`):
///   dated from the day it was first needed, never from today; shown until a current booking of its type
///   meets it or its last day has passed.
/// - StraksbookingPaakraevet: one of those offers is mapped `immediateRequired`.
enum GetBorgerstatus: GatewayOperation {
    static let operation = JobnetOperation.getBorgerstatus
    /// The STAR codes this operation raises, in the order of the comment above.
    static let starCodes = [StarFault.unknownCPR] + PlannerError.starCodes
    static func handle(_ request: NoRequestBody, _ context: OperationContext) async throws(StarFault) -> Borgerstatus {
        let person = try await context.citizen(unknownCode: StarFault.unknownCPR)
        let offers = try await context.bookableOffers(for: person)
        let mappings = offers.map { context.mappings.offer($0.id) }
        // Per interview type, the deadline the offers define (the earliest when several share a type).
        var definitions: [Int: OfferMapping.Deadline] = [:]
        for mapping in mappings {
            guard let deadline = mapping.deadline else { continue }
            let type = mapping.interviewTypeIdentifier
            if let existing = definitions[type], existing.bookWithinDays <= deadline.bookWithinDays { continue }
            definitions[type] = deadline
        }
        var frister: [Frist] = []
        if !definitions.isEmpty {
            // GetBookings: a deadline a current booking of its type meets (starting by its last day) is not shown.
            let held = try await context.currentBookings(of: person).map { (type: $0.mapping.interviewTypeIdentifier, start: $0.planner.startTime) }
            let today = CopenhagenTime.startOfDay(context.now)
            for (type, definition) in definitions.sorted(by: { $0.key < $1.key }) {
                guard let deadline = try await context.deadline(of: person, interviewType: type, definition: definition) else { continue }
                let dayAfter = CopenhagenTime.adding(days: 1, to: CopenhagenTime.startOfDay(deadline.holdBy))
                if held.contains(where: { $0.type == type && $0.start < dayAfter }) {
                    context.notes.add("deadline for interview type \(type) met by a booking: not shown")
                } else if deadline.holdBy < today {
                    context.notes.add("deadline for interview type \(type) passed on \(CopenhagenTime.day(deadline.holdBy)): not shown")
                } else {
                    frister.append(Frist(
                        friststatusType: deadline.status, samtaleType: type, fristdato: deadline.bookBy,
                        sidsteAfholdelsesdato: deadline.holdBy))
                }
            }
        }
        return Borgerstatus(
            kanSelvbooke: !offers.isEmpty, frister: frister, straksbookingPaakraevet: mappings.contains { $0.immediateRequired })
    }
}

extension JobnetOperation {
    public static let getBorgerstatus = JobnetOperation("GetBorgerstatus")
}

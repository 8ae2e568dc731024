import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// BS – GetBorgerstatus (digest §4.1): may the citizen self-book, which deadlines apply, and must
/// they book immediately.
///
/// Planner calls, in order: PersonByCpr → GetMicrositeCategories.
/// STAR codes: 1010 unknown CPR; Planner trouble 4769 / 9018 / 9303 / 9329 (gateway additions).
///
/// The rule (documented in README.md):
/// - KanSelvbooke: Planner knows the citizen and offers them at least one bookable, unexpired offer.
/// - Frister: one Frist per interview type among those offers whose mapping carries a `deadline`,
///   dated from today (the earliest when several offers share a type).
/// - StraksbookingPaakraevet: one of those offers is mapped `immediateRequired`.
enum GetBorgerstatus: GatewayOperation {
    static let operation = JobnetOperation.getBorgerstatus
    /// The STAR codes this operation raises, in the order of the comment above.
    static let starCodes = [StarFault.unknownCPR] + PlannerError.starCodes
    static func handle(_ request: NoRequestBody, _ context: OperationContext) async throws(StarFault) -> Borgerstatus {
        let person = try await context.citizen(unknownCode: StarFault.unknownCPR)
        let offers = try await context.bookableOffers(for: person)
        let mappings = offers.map { context.mappings.offer($0.id) }
        let today = CopenhagenTime.startOfDay(context.now)
        var frister: [Int: Frist] = [:]
        for mapping in mappings {
            guard let deadline = mapping.deadline else { continue }
            let frist = Frist(
                friststatusType: deadline.status, samtaleType: mapping.interviewTypeIdentifier,
                fristdato: CopenhagenTime.adding(days: deadline.bookWithinDays, to: today),
                sidsteAfholdelsesdato: CopenhagenTime.adding(days: deadline.holdWithinDays, to: today))
            if let existing = frister[frist.samtaleType], existing.fristdato <= frist.fristdato { continue }
            frister[frist.samtaleType] = frist
        }
        return Borgerstatus(
            kanSelvbooke: !offers.isEmpty,
            frister: frister.values.sorted { $0.samtaleType < $1.samtaleType },
            straksbookingPaakraevet: mappings.contains { $0.immediateRequired })
    }
}

extension JobnetOperation {
    public static let getBorgerstatus = JobnetOperation("GetBorgerstatus")
}

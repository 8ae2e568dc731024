import CopenhagenTime
import Foundation
import SOAP

extension Moedetider: JobnetResponseBody {
    /// A timeslot takes about 520 bytes (one caseworker id), a caseworker to choose about 300.
    public var estimatedBytes: Int { 1_024 + timeslots.count * 600 + caseWorkers.count * 400 }

    /// The timeslot list group: `CaseWorkerToBookCollection` (when there are caseworkers to choose),
    /// then `BookingTimeslotCollection`.
    public func write(to writer: inout XMLWriter) {
        if !caseWorkers.isEmpty {
            writer.open("tns:CaseWorkerToBookCollection")
            for entry in caseWorkers {
                writer.open("tns:CaseWorkerToBook")
                writer.element("tns:CaseWorkerID", integer: entry.id)
                entry.caseWorker.write(as: "tns:Supervisor", to: &writer)
                writer.close("tns:CaseWorkerToBook")
            }
            writer.close("tns:CaseWorkerToBookCollection")
        }
        writer.open("tns:BookingTimeslotCollection")
        for slot in timeslots {
            writer.open("tns:BookingTimeslot")
            writer.element("tns:StartTime") { CopenhagenTime.append(slot.startTime, to: &$0) }
            writer.open("tns:SamtaleformSamling")
            for samtaleform in slot.samtaleformer { writer.element("tns:SamtaleformType", integer: samtaleform) }
            writer.close("tns:SamtaleformSamling")
            writer.element("tns:RebookingPossible", slot.rebookingPossible)
            writer.element("tns:CancellationPossible", slot.cancellationPossible)
            if let total = slot.totalSeats { writer.element("tns:MaksimaltMoededeltagerantal", integer: total) }
            if let available = slot.availableSeats { writer.element("tns:AvailableNoOfSeats", integer: available) }
            writer.open("tns:CaseWorkerIDCollection")
            for id in slot.caseWorkerIds { writer.element("tns:CaseWorkerID", integer: id) }
            writer.close("tns:CaseWorkerIDCollection")
            writer.close("tns:BookingTimeslot")
        }
        writer.close("tns:BookingTimeslotCollection")
    }
}

import CopenhagenTime
import Foundation
import Yams

/// `planner-sim --data FILE`: the simulator's data from a YAML file instead of the built-in demo data.
///
/// ```yaml
/// rootDepartmentId: 7d1c2f0e-5b7a-4c59-9a43-0c2a6f1d0001
/// micrositeId: 7d1c2f0e-5b7a-4c59-9a43-0c2a6f1d0002
/// persons:   [{cpr: "0101901111", personStatusId: a000…, firstName: Anna, lastName: Andersen}]
/// resources: [{id: b000…, displayName: Mette Hansen, workdayStartHour: 9, workdayEndHour: 15}]
/// offers:    [{id: c000…, title: Jobsamtale, description: …, durationMinutes: 30, resourceIds: [b000…],
///              joint: {sessionHours: [10, 13], seats: 12}, horizonDays: 60, expiryDate: "2020-08-31T23:59:00"}]
/// categories: [{id: d000…, title: Samtaler, children: [{offer: c000…}]}]
/// bookings:  [{id: e000…, personStatusId: a000…, offerId: c000…, resourceId: b000…,
///              start: "2026-12-01T11:00:00", status: 6, title: Jobsamtale}]
/// ```
/// Times are Copenhagen local time, as Planner writes them.
public enum SimulatorDataFile {
    public static func load(path: String) throws -> SimulatorData {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SimulatorDataFileError(message: "\(path): cannot read the file")
        }
        let file: FileData
        do {
            file = try YAMLDecoder().decode(FileData.self, from: text)
        } catch {
            throw SimulatorDataFileError(message: "\(path): \(error)")
        }
        func date(_ text: String, _ what: String) throws -> Date {
            guard let value = CopenhagenTime.parse(text) else {
                throw SimulatorDataFileError(message: "\(path): \(what) \(text) is not a date and time")
            }
            return value
        }
        let offers = try file.offers.map { offer -> SimOffer in
            SimOffer(
                id: offer.id, title: offer.title, description: offer.description ?? "", durationMinutes: offer.durationMinutes,
                resourceIds: offer.resourceIds,
                kind: offer.joint.map { .joint(sessionHours: $0.sessionHours, seats: $0.seats) } ?? .individual,
                leadHours: offer.leadHours ?? 2, horizonDays: offer.horizonDays ?? 60,
                expiryDate: try offer.expiryDate.map { try date($0, "expiryDate") },
                showCaseWorkerName: offer.showCaseWorkerName ?? true)
        }
        let bookings = try file.bookings?.map { booking -> SimBooking in
            let start = try date(booking.start, "start")
            let duration = offers.first { $0.id == booking.offerId }?.durationMinutes ?? 30
            return SimBooking(
                id: booking.id, personStatusId: booking.personStatusId, offerId: booking.offerId,
                resourceId: booking.resourceId, start: start, end: start.addingTimeInterval(Double(duration) * 60),
                status: booking.status, title: booking.title, description: booking.description ?? "")
        } ?? []
        return SimulatorData(
            rootDepartmentId: file.rootDepartmentId, micrositeId: file.micrositeId,
            persons: file.persons.map { SimPerson(cpr: $0.cpr, personStatusId: $0.personStatusId, firstName: $0.firstName, lastName: $0.lastName) },
            resources: file.resources.map {
                SimResource(id: $0.id, displayName: $0.displayName, workdayStartHour: $0.workdayStartHour ?? 9, workdayEndHour: $0.workdayEndHour ?? 15)
            },
            offers: offers, categories: file.categories.map(\.node), bookings: bookings)
    }

    struct FileData: Decodable {
        var rootDepartmentId: UUID
        var micrositeId: UUID
        var persons: [Person]
        var resources: [Resource]
        var offers: [Offer]
        var categories: [Category]
        var bookings: [Booking]?
    }

    struct Person: Decodable { var cpr: String; var personStatusId: UUID; var firstName: String; var lastName: String }
    struct Resource: Decodable { var id: UUID; var displayName: String; var workdayStartHour: Int?; var workdayEndHour: Int? }
    struct Joint: Decodable { var sessionHours: [Int]; var seats: Int }
    struct Offer: Decodable {
        var id: UUID; var title: String; var description: String?; var durationMinutes: Int; var resourceIds: [UUID]
        var joint: Joint?; var leadHours: Int?; var horizonDays: Int?; var expiryDate: String?; var showCaseWorkerName: Bool?
    }
    struct Booking: Decodable {
        var id: UUID; var personStatusId: UUID; var offerId: UUID; var resourceId: UUID; var start: String; var status: Int
        var title: String; var description: String?
    }
    /// A category with children, or a leaf `{offer: id}`.
    struct Category: Decodable {
        var id: UUID?; var title: String?; var description: String?; var children: [Category]?; var offer: UUID?

        var node: SimCategoryNode {
            if let offer { return .offer(offer) }
            return .category(id: id ?? UUID(), title: title ?? "", description: description ?? "",
                children: (children ?? []).map(\.node))
        }
    }
}

public struct SimulatorDataFileError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

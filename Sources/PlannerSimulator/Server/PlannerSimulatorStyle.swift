import CopenhagenTime
import Foundation
import Planner

/// How the simulator writes its answers.
///
/// `.demo` writes what the gateway's interface §4 shows: PascalCase, offset-less whole-second local
/// times, options in time order, the joint meeting's room as its resource. `.strict` is a Planner as
/// unlike the demo as the seed allows, so that code fitted to the demo fails in the tests rather than
/// in front of a real Planner:
/// - a BookingOptions window whose end is not after its start, or longer than the seed's month, is
///   refused (400), and the window is read as `[start, end)`;
/// - options and bookings come in no particular order (a fixed scramble, so a failure repeats);
/// - DateTimes carry fractional seconds, and every other one Copenhagen's offset;
/// - BookingOptions, GetBookings and GetMicrositeCategories answer in camelCase;
/// - optional fields are `null` rather than absent, and every object carries properties the seed
///   does not name;
/// - a joint meeting's options carry a `TaskId` and empty `ResourceIds`.
/// Resource and offer ids the mappings do not know come from the data (`planner-sim --data`).
public enum PlannerSimulatorStyle: String, Sendable, CaseIterable {
    case demo, strict

    /// The routes a simulator of this style serves unless told otherwise.
    public var routes: PlannerRoutes {
        PlannerRoutes(routes: self == .strict ? PlannerRoutes.strictSimulator : PlannerRoutes.defaults)
    }

    /// The seed's advice: search no more than a month of free times per call; a strict Planner takes
    /// the shortest month (28 days) and refuses more.
    static let monthDays = 28

    /// Why a strict Planner refuses this window, or nil.
    func refusal(windowFrom start: Date, to end: Date) -> String? {
        guard self == .strict else { return nil }
        if end <= start { return "EndTime must be after StartTime." }
        if end > CopenhagenTime.adding(days: Self.monthDays, to: start) { return "Search at most one month of available times." }
        return nil
    }

    /// The options a Planner of this style returns for `[start, end]` as the state computed them.
    func window(_ options: [(time: Date, resources: [UUID], seatsLeft: Int?)], from start: Date, to end: Date)
        -> [(time: Date, resources: [UUID], seatsLeft: Int?)]
    {
        guard self == .strict else { return options }
        return order(options.filter { $0.time < end }, by: { $0.time })
    }

    /// Bookings as this style lists them.
    func order(_ bookings: [SimBooking]) -> [SimBooking] {
        self == .strict ? order(bookings, by: { $0.start }) : bookings
    }

    /// A fixed scramble: by a hash of each element's time, the same every run.
    private func order<T>(_ items: [T], by time: (T) -> Date) -> [T] {
        items.map { (key: Self.scramble(time($0)), item: $0) }.sorted { $0.key < $1.key }.map(\.item)
    }

    private static func scramble(_ date: Date) -> UInt64 {
        var x = UInt64(bitPattern: Int64(date.timeIntervalSince1970)) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        return x &* 0xBF58_476D_1CE4_E5B9
    }

    /// A DateTime as this style writes it; `index` varies the strict spelling between values.
    func dateTime(_ date: Date, index: Int) -> String {
        guard self == .strict else { return CopenhagenTime.local(date) }
        return index % 2 == 0 ? CopenhagenTime.local(date) + ".0000000" : CopenhagenTime.format(date)
    }

    /// One BookingOptions entry.
    func option(time: Date, resources: [UUID], seatsLeft: Int?, index: Int) -> [String: Any] {
        switch self {
        case .demo:
            return ["DateTime": CopenhagenTime.local(time), "ResourceIds": resources.map(\.lowercasedText),
                    "TaskId": seatsLeft.map { "seats:\($0)" } ?? ""]
        case .strict:
            guard seatsLeft != nil else {
                return ["DateTime": dateTime(time, index: index), "ResourceIds": resources.map(\.lowercasedText), "TaskId": NSNull()]
            }
            // A joint meeting: Planner names the session, not a caseworker.
            let task = UUID(uuidString: "7a5c0000-0000-4000-8000-\(String(format: "%012llx", UInt64(time.timeIntervalSince1970)))")!
            return ["DateTime": dateTime(time, index: index), "ResourceIds": [String](), "TaskId": task.lowercasedText]
        }
    }

    /// BookingOptions' whole answer. The demo style's is written straight into bytes — the same bytes
    /// `SimulatorJSON` writes for `option(…)`'s dictionaries (keys sorted), without making them: it is the
    /// load test's heaviest Planner answer, and a load test against the simulator should measure the
    /// gateway. The strict style goes through `answer`.
    func bookingOptionsAnswer(_ options: [(time: Date, resources: [UUID], seatsLeft: Int?)]) -> SimulatorAnswer {
        guard self == .demo else {
            return answer(.bookingOptions, options.enumerated().map { index, option -> [String: Any] in
                self.option(time: option.time, resources: option.resources, seatsLeft: option.seatsLeft, index: index)
            })
        }
        var body: [UInt8] = []
        body.reserveCapacity(2 + options.count * 128)
        body.append(UInt8(ascii: "["))
        for (index, option) in options.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: #"{"DateTime":""#.utf8)
            CopenhagenTime.append(option.time, offset: false, to: &body)
            body.append(contentsOf: #"","ResourceIds":["#.utf8)
            for (position, resource) in option.resources.enumerated() {
                if position > 0 { body.append(UInt8(ascii: ",")) }
                body.append(UInt8(ascii: "\""))
                body.append(contentsOf: resource.lowercasedText.utf8)
                body.append(UInt8(ascii: "\""))
            }
            body.append(contentsOf: #"],"TaskId":""#.utf8)
            if let seatsLeft = option.seatsLeft { body.append(contentsOf: "seats:\(seatsLeft)".utf8) }
            body.append(contentsOf: #""}"#.utf8)
        }
        body.append(UInt8(ascii: "]"))
        return SimulatorAnswer(status: 200, body: body)
    }

    /// The answer to `operation` as this style writes it.
    func answer(_ operation: PlannerOperation, _ value: Any, status: Int = 200) -> SimulatorAnswer {
        guard self == .strict else { return .json(value, status: status) }
        let camel: Set<PlannerOperation> = [.bookingOptions, .getBookings, .getMicrositeCategories]
        return .json(Self.strict(value, camelCase: camel.contains(operation)), status: status)
    }

    /// Properties a seed-reading client must ignore, and `null` for the optional fields the seed lists.
    private static var extraProperties: [String: Any] { ["$id": "1", "RowVersion": "AAAAAAAAB9E=", "Links": [String]()] }
    private static let nullWhenAbsent: [String: [String]] = [
        "PersonStatusId": ["EmailAddress", "MobileNumber", "OnlineUsername"],
        "Title": ["IconBase64", "PaymentTermsUrl"],
    ]

    private static func strict(_ value: Any, camelCase: Bool) -> Any {
        switch value {
        case let array as [Any]:
            return array.map { strict($0, camelCase: camelCase) }
        case let object as [String: Any]:
            var result: [String: Any] = [:]
            var source = object
            for (marker, names) in nullWhenAbsent where source[marker] != nil {
                for name in names where source[name] == nil { source[name] = NSNull() }
            }
            for (key, item) in source.merging(extraProperties, uniquingKeysWith: { own, _ in own }) {
                let name = camelCase && !key.hasPrefix("$") ? key.prefix(1).lowercased() + key.dropFirst() : key
                result[name] = strict(item, camelCase: camelCase)
            }
            return result
        default:
            return value
        }
    }
}

import CopenhagenTime
import Foundation
@testable import PlannerSimulator
import Testing

/// The demo simulator writes BookingOptions straight into bytes: the same bytes as the general writer
/// gives for the same options' dictionaries.
@Suite struct SimulatorAnswerTests {
    @Test func theDemoBookingOptionsAnswerIsTheGeneralWritersBytes() {
        let start = CopenhagenTime.at(hour: 9, minute: 0, on: Date(timeIntervalSince1970: 1_796_000_000))
        let options: [(time: Date, resources: [UUID], seatsLeft: Int?)] = [
            (start, [DemoData.Resource.mette, DemoData.Resource.lars], nil),
            (start.addingTimeInterval(1_800), [], 12),
            (start.addingTimeInterval(3_600), [DemoData.Resource.lars], 0),
            (CopenhagenTime.at(hour: 2, minute: 30, on: Date(timeIntervalSince1970: 1_792_800_000)), [DemoData.Resource.mette], nil),
        ]
        let style = PlannerSimulatorStyle.demo
        for count in 0...options.count {
            let shown = Array(options.prefix(count))
            let general = SimulatorAnswer.json(shown.enumerated().map { index, option -> [String: Any] in
                style.option(time: option.time, resources: option.resources, seatsLeft: option.seatsLeft, index: index)
            })
            let direct = style.bookingOptionsAnswer(shown)
            #expect(direct.status == 200)
            #expect(String(decoding: direct.body, as: UTF8.self) == String(decoding: general.body, as: UTF8.self))
        }
    }
}

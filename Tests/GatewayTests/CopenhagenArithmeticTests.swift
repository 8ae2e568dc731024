import CopenhagenTime
import Foundation
import Testing

/// The arithmetic agrees with Foundation's calendar for any second from 1990 to 2060, both ways.
@Suite struct CopenhagenArithmeticTests {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = CopenhagenTime.timeZone
        return calendar
    }()

    @Test func formattingAgreesWithTheCalendar() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 631_152_000...2_840_140_800, using: &generator)))
            let c = Self.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let offset = CopenhagenTime.timeZone.secondsFromGMT(for: date)
            let expected = String(format: "%04d-%02d-%02dT%02d:%02d:%02d+%02d:00", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!,
                                  offset / 3600)
            #expect(CopenhagenTime.format(date) == expected)
            // And back: a formatted time (with its offset) and the wall time alone outside the autumn hour.
            #expect(CopenhagenTime.parse(expected) == date)
        }
    }

    @Test func daysTimesOfDayAndWeekdaysAgreeWithTheCalendar() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 631_152_000...2_840_140_800, using: &generator)) + 0.25)
            #expect(CopenhagenTime.startOfDay(date) == Self.calendar.startOfDay(for: date))
            #expect(CopenhagenTime.weekday(date) == Self.calendar.component(.weekday, from: date))
            let hour = Int.random(in: 0...23, using: &generator)
            let minute = Int.random(in: 0...59, using: &generator)
            let days = Int.random(in: -400...400, using: &generator)
            // The hours the clocks skip or repeat are this type's own rule (see `at`); every other agrees.
            let wallHour = Self.calendar.component(.hour, from: date)
            if hour != 2 {
                #expect(CopenhagenTime.at(hour: hour, minute: minute, on: date)
                    == Self.calendar.date(bySettingHour: hour, minute: minute, second: 0, of: date))
            }
            if wallHour != 2 {
                #expect(CopenhagenTime.adding(days: days, to: date) == Self.calendar.date(byAdding: .day, value: days, to: date))
            }
        }
    }

    @Test func wallTimesAgreeWithTheCalendarAroundEveryTransitionOf2025To2030() throws {
        for year in 2025...2030 {
            for (month, day) in [(3, 24), (3, 25), (3, 26), (3, 27), (3, 28), (3, 29), (3, 30), (3, 31),
                                 (10, 24), (10, 25), (10, 26), (10, 27), (10, 28), (10, 29), (10, 30), (10, 31)] {
                for minute in stride(from: 0, to: 24 * 60, by: 15) {
                    let text = String(format: "%04d-%02d-%02dT%02d:%02d:00", year, month, day, minute / 60, minute % 60)
                    var components = DateComponents(year: year, month: month, day: day, hour: minute / 60, minute: minute % 60)
                    components.timeZone = CopenhagenTime.timeZone
                    let expected = Self.calendar.date(from: components)
                    #expect(CopenhagenTime.parse(text) == expected, "\(text)")
                }
            }
        }
    }
}

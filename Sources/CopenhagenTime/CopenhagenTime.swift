import Foundation

/// Time as the two sides speak it.
///
/// Planner writes Copenhagen local time without an offset (`2026-12-01T09:30:00`); Jobnet gets every
/// dateTime with Copenhagen's own offset (`+01:00` in winter, `+02:00` in summer), never `Z`. A value
/// read without an offset is Copenhagen local time. In the autumn hour that occurs twice, a local time
/// without an offset is read as its first occurrence (summer time); in the spring hour that does not
/// exist, it is read as if the clocks had not yet moved (so 02:30 becomes 03:30 summer time).
public enum CopenhagenTime {
    public static let timeZone = TimeZone(identifier: "Europe/Copenhagen")!

    static let offsets = CopenhagenOffsets(timeZone: timeZone)

    /// The offset in force at `date`, in seconds.
    static func offset(at date: Date) -> Int {
        offsets.offset(at: Int64(date.timeIntervalSince1970.rounded(.down))) ?? timeZone.secondsFromGMT(for: date)
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// Parses an xs:dateTime (`YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]`); without an offset it is Copenhagen time.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// `parse` over UTF-8 bytes (a JSON string's, straight from Planner's body): nothing allocated.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offsetSeconds: Int?
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "Z"):
                guard index + 1 == bytes.count else { return nil }
                offsetSeconds = 0
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                    let hours = number(index + 1, 2), let minutes = number(index + 4, 2), hours <= 14, minutes < 60
                else { return nil }
                offsetSeconds = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            default:
                return nil
            }
        }
        guard day <= CivilDays.daysInMonth(year: year, month: month) else { return nil }
        let wall = Int64(CivilDays.days(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        if let offsetSeconds {
            return Date(timeIntervalSince1970: Double(wall - Int64(offsetSeconds)) + fraction)
        }
        return Date(timeIntervalSince1970: Double(utc(wall: wall)) + fraction)
    }

    /// The UTC second of a Copenhagen wall-clock second: in the autumn hour that occurs twice, the first
    /// occurrence; in the spring hour that does not exist, as if the clocks had not yet moved.
    static func utc(wall: Int64) -> Int64 {
        // A wall time is valid with an offset when that offset is in force at the UTC time it gives.
        for candidate in [7200, 3600] {
            let utc = wall - Int64(candidate)
            if let offset = offsets.offset(at: utc), offset == candidate { return utc }
        }
        if let before = offsets.offset(at: wall - 86_400) { return wall - Int64(before) }
        // Outside the table: the time zone itself.
        var components = DateComponents(year: 1970, month: 1, day: 1, second: Int(wall))
        components.timeZone = timeZone
        return Int64(calendar.date(from: components)?.timeIntervalSince1970 ?? Double(wall - 3600))
    }

    /// The wall-clock fields at `date` in Copenhagen.
    static func fields(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        fields(date, offset: offset(at: date))
    }

    /// `fields`, with the offset in force at `date` already known.
    static func fields(_ date: Date, offset: Int) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let wall = seconds + Int64(offset)
        var days = Int(wall / 86_400)
        var ofDay = Int(wall % 86_400)
        if ofDay < 0 {
            ofDay += 86_400
            days -= 1
        }
        let civil = CivilDays.civil(days: days)
        return (civil.year, civil.month, civil.day, ofDay / 3600, ofDay % 3600 / 60, ofDay % 60)
    }

    /// `2026-12-01T09:30:00+01:00`: Copenhagen wall time with its offset, whole seconds.
    public static func format(_ date: Date) -> String { text(date, offset: true, milliseconds: false) }

    /// `2026-12-01T09:30:00.125+01:00`: as `format`, with milliseconds (log records).
    public static func formatWithMilliseconds(_ date: Date) -> String { text(date, offset: true, milliseconds: true) }

    /// `2026-12-01T09:30:00`: Copenhagen wall time without an offset, as Planner writes it.
    public static func local(_ date: Date) -> String { text(date, offset: false, milliseconds: false) }

    private static func text(_ date: Date, offset: Bool, milliseconds: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(29)
        append(date, offset: offset, milliseconds: milliseconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `date` as `format` (or, without `offset`, as `local`; with `milliseconds`, as
    /// `formatWithMilliseconds`) writes it, as ASCII bytes: the answer writer puts every timeslot's time
    /// straight into its buffer, with no string made for it.
    public static func append(_ date: Date, offset includeOffset: Bool = true, milliseconds: Bool = false, to bytes: inout [UInt8]) {
        let offset = offset(at: date)
        let c = fields(date, offset: offset)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = value
            if rest >= divisor * 10 {   // wider than the field (a year past 9999): all its digits
                bytes.append(contentsOf: String(value).utf8)
                return
            }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(c.year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(c.month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(c.day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(c.hour, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(c.minute, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(c.second, 2)
        if milliseconds {
            let value = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
            bytes.append(UInt8(ascii: "."))
            digits((value + 1000) % 1000, 3)
        }
        if includeOffset {
            bytes.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            digits(abs(offset) / 3600, 2)
            bytes.append(UInt8(ascii: ":"))
            digits(abs(offset) % 3600 / 60, 2)
        }
    }

    /// `2026-12-01`: the Copenhagen calendar date (xs:date).
    public static func day(_ date: Date) -> String {
        String(local(date).prefix { $0 != "T" })
    }

    /// The start of the Copenhagen day holding `date` (midnight always exists here: the clocks move at
    /// 02:00 and 03:00).
    public static func startOfDay(_ date: Date) -> Date { at(hour: 0, minute: 0, on: date) }

    /// `date` moved by whole Copenhagen calendar days (so 09:00 stays 09:00 across a DST change), by
    /// arithmetic on the zone's transitions like the rest of this type: Foundation's calendar costs
    /// tens of microseconds a call, and a timeslot search makes hundreds.
    public static func adding(days: Int, to date: Date) -> Date {
        let whole = date.timeIntervalSince1970.rounded(.down)
        let c = fields(date)
        let wall = Int64(CivilDays.days(year: c.year, month: c.month, day: c.day) + days) * 86_400
            + Int64(c.hour * 3600 + c.minute * 60 + c.second)
        return Date(timeIntervalSince1970: Double(utc(wall: wall)) + (date.timeIntervalSince1970 - whole))
    }

    /// The date at a Copenhagen wall-clock time on the day of `day` (a time in the spring's missing hour
    /// as if the clocks had not moved; in the autumn's doubled hour, its first occurrence).
    public static func at(hour: Int, minute: Int, on day: Date) -> Date {
        let c = fields(day)
        let wall = Int64(CivilDays.days(year: c.year, month: c.month, day: c.day)) * 86_400 + Int64(hour * 3600 + minute * 60)
        return Date(timeIntervalSince1970: Double(utc(wall: wall)))
    }

    /// The weekday of `date` in Copenhagen: 1 Sunday … 7 Saturday, as Foundation's gregorian calendar counts.
    public static func weekday(_ date: Date) -> Int {
        let c = fields(date)
        // 1970-01-01 was a Thursday (5).
        let days = CivilDays.days(year: c.year, month: c.month, day: c.day)
        return ((days % 7 + 7) % 7 + 4) % 7 + 1
    }
}

import Foundation

/// Copenhagen's UTC offsets as a table of transitions, read from the time zone database once, so that
/// turning a time into wall-clock fields (and back) is arithmetic: the benchmark found ICU's calendar
/// among the costs of every timeslot list (each slot's start and end are formatted).
///
/// The table covers 1970–2100; outside it the time zone is asked directly.
struct CopenhagenOffsets: Sendable {
    /// UTC seconds at which an offset starts, ascending, and the offset (seconds) from then on.
    let starts: [Int64]
    let offsets: [Int]
    let first: Int64
    let last: Int64

    init(timeZone: TimeZone) {
        first = 0
        last = Int64(Date(timeIntervalSince1970: 4_133_980_800).timeIntervalSince1970)   // 2101-01-01
        var starts: [Int64] = [first]
        var offsets: [Int] = [timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: 0))]
        var cursor = Date(timeIntervalSince1970: 0)
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < Double(last) {
            starts.append(Int64(next.timeIntervalSince1970))
            offsets.append(timeZone.secondsFromGMT(for: next))
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
    }

    /// The offset in force at `utc` (whole seconds since 1970), nil outside the table.
    func offset(at utc: Int64) -> Int? {
        guard utc >= first, utc < last else { return nil }
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= utc { low = middle } else { high = middle - 1 }
        }
        return offsets[low]
    }
}

/// Proleptic Gregorian days since 1970-01-01 and back (Howard Hinnant's algorithms).
enum CivilDays {
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

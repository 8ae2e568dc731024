import CopenhagenTime
import Foundation

/// Request fixtures name times relative to the day they run, so that a fixture written today still
/// books a future time tomorrow. Placeholders, expanded to Copenhagen dateTimes with their offset:
///
/// - `{{now}}`, `{{now+3d}}`, `{{now-10d}}`, `{{now+2h}}`: relative to this moment;
/// - `{{weekday+2@10:30}}`: the second weekday after today, at 10:30.
public enum FixtureTemplate {
    public static func expand(_ text: String, now: Date = Date()) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let name = String(rest[open.upperBound..<close.lowerBound])
            result += value(name, now: now) ?? "{{\(name)}}"
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    static func value(_ name: String, now: Date) -> String? {
        if name == "now" { return CopenhagenTime.format(now) }
        if name.hasPrefix("now"), let amount = Int(name.dropFirst(3).dropLast()), let unit = name.last {
            switch unit {
            case "d": return CopenhagenTime.format(CopenhagenTime.adding(days: amount, to: now))
            case "h": return CopenhagenTime.format(now.addingTimeInterval(Double(amount) * 3600))
            default: return nil
            }
        }
        if name.hasPrefix("weekday+") {
            let parts = name.dropFirst("weekday+".count).split(separator: "@")
            guard parts.count == 2, let count = Int(parts[0]) else { return nil }
            let clock = parts[1].split(separator: ":").compactMap { Int($0) }
            guard clock.count == 2 else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = CopenhagenTime.timeZone
            var day = CopenhagenTime.startOfDay(now)
            var seen = 0
            while seen < count {
                day = CopenhagenTime.adding(days: 1, to: day)
                if ![1, 7].contains(calendar.component(.weekday, from: day)) { seen += 1 }
            }
            return CopenhagenTime.format(CopenhagenTime.at(hour: clock[0], minute: clock[1], on: day))
        }
        return nil
    }
}

/// A citizen's CPR number. It exists to be sent to Planner's PersonByCpr and nowhere else:
/// `description` prints the masked form, so a CPR interpolated by mistake into a log line or an
/// error text shows only the birth date.
public struct CPR: Sendable, Hashable, CustomStringConvertible {
    /// The ten digits. Read it only to call Planner.
    public let digits: String

    /// Accepts exactly STAR's `PersonCivilRegistrationIdentifierType`: ten digits whose first six are
    /// a plausible DDMMYY, or `0000000000`.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let value: (Int, Int) -> Int = { Int(bytes[$0] - 48) * 10 + Int(bytes[$1] - 48) }
        let day = value(0, 1)
        let month = value(2, 3)
        if text != "0000000000" {
            let maximumDay: Int
            switch month {
            case 1, 3, 5, 7, 8, 10, 12: maximumDay = 31
            case 4, 6, 9, 11: maximumDay = 30
            case 2: maximumDay = 29
            default: return nil
            }
            guard (1...maximumDay).contains(day) else { return nil }
        }
        self.digits = text
    }

    /// The birth-date part only (`DDMMYY-xxxx`): the only form a CPR takes in the mapping log.
    public var masked: String { String(digits.prefix(6)) + "-xxxx" }

    public var description: String { masked }
}

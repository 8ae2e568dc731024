import Foundation

/// GUIDs as Planner writes them (lower-case hex, 8-4-4-4-12), read and written without Foundation's
/// `uuidString`/`init(uuidString:)`, which go through sprintf and sscanf on Linux: the benchmark found
/// them among the hottest symbols (a BookingOptions answer carries hundreds of GUIDs).
extension UUID {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `6a15356d-d29d-4ec0-acdd-e86fdf5aa3ac`: Planner's spelling, and the gateway's keys.
    public var lowercasedText: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var out = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[out] = UInt8(ascii: "-")
                        out += 1
                    }
                    buffer[out] = Self.hexDigits[Int(byte >> 4)]
                    buffer[out + 1] = Self.hexDigits[Int(byte & 0x0F)]
                    out += 2
                }
                return out
            }
        }
    }

    /// Reads 8-4-4-4-12 hex digits (either case); nil for anything else.
    public init?(text: String) {
        var text = text
        guard let value = text.withUTF8({ UUID(utf8: $0) }) else { return nil }
        self = value
    }

    /// `init(text:)` over UTF-8 bytes (a JSON string's, straight from Planner's body).
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let value = Self.parse(bytes) else { return nil }
        self.init(uuid: value)
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        guard bytes.count == 36 else { return nil }
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &value) { value -> Bool in
            var index = 0
            var position = 0
            while position < 36 {
                if position == 8 || position == 13 || position == 18 || position == 23 {
                    guard bytes[position] == UInt8(ascii: "-") else { return false }
                    position += 1
                    continue
                }
                guard let high = nibble(bytes[position]), let low = nibble(bytes[position + 1]) else { return false }
                value[index] = high << 4 | low
                index += 1
                position += 2
            }
            return true
        }
        return valid ? value : nil
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

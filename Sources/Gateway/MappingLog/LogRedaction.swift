/// Masks anything that looks like a CPR (ten digits, optionally DDMMYY-XXXX) to its birth date, for
/// text that may quote a request: a validator's message quotes the value it refused.
///
/// GUIDs are copied as they are: their last group can hold ten digits in a row
/// (`…-0000000000ff`), and an operator needs the booking id whole.
enum LogRedaction {
    static func scrub(_ text: String) -> String {
        let bytes = Array(text.utf8)
        // Fast path: no run of ten digits, nothing to mask.
        var run = 0
        var longest = 0
        for byte in bytes {
            run = isDigit(byte) ? run + 1 : 0
            longest = max(longest, run)
        }
        guard longest >= 6 else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var digits: [UInt8] = []
        func flush() {
            if digits.count == 10 || (digits.count == 11 && digits[6] == UInt8(ascii: "-")) {
                result += digits.prefix(6) + Array("-xxxx".utf8)
            } else {
                result += digits
            }
            digits.removeAll(keepingCapacity: true)
        }
        var index = 0
        while index < bytes.count {
            if digits.isEmpty, let length = guidLength(bytes, at: index) {
                result += bytes[index..<index + length]
                index += length
                continue
            }
            let byte = bytes[index]
            if isDigit(byte) {
                digits.append(byte)
            } else if byte == UInt8(ascii: "-") && digits.count == 6 {
                digits.append(byte)
            } else {
                flush()
                result.append(byte)
            }
            index += 1
        }
        flush()
        return String(decoding: result, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    /// 36 when a GUID (8-4-4-4-12 hex digits) starts at `index` and is not part of a longer word.
    private static func guidLength(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index + 36 <= bytes.count, isHex(bytes[index]) else { return nil }
        if index > 0, isHex(bytes[index - 1]) { return nil }
        for offset in 0..<36 {
            let byte = bytes[index + offset]
            if [8, 13, 18, 23].contains(offset) {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard isHex(byte) else { return nil }
            }
        }
        if index + 36 < bytes.count, isHex(bytes[index + 36]) { return nil }
        return 36
    }
}

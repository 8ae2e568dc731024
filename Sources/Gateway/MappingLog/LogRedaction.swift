/// Masks anything that looks like a CPR (ten digits, optionally DDMMYY-XXXX) to its birth date, for
/// text that may quote a request: a validator's message quotes the value it refused.
///
/// GUIDs are copied as they are: their last group can hold ten digits in a row
/// (`…-0000000000ff`), and an operator needs the booking id whole.
enum LogRedaction {
    static func scrub(_ text: String) -> String {
        var text = text
        // Every mapping-log line passes here: find out first, without copying, whether anything is to
        // be masked (almost never), and build a new text only then.
        guard text.withUTF8(containsCPR) else { return text }
        return text.withUTF8(masked)
    }

    /// `scrub` without its first look: the text rebuilt, masked where need be (the tests hold the two equal).
    static func masked(_ text: String) -> String {
        var text = text
        return text.withUTF8(masked)
    }

    /// Whether `masked` would mask anything: a run of ten digits (or six, a hyphen and four) outside a GUID.
    private static func containsCPR(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var count = 0
        var hyphenAfterSix = false
        var index = 0
        while index < bytes.count {
            if count == 0, let length = guidLength(bytes, at: index) {
                index += length
                continue
            }
            let byte = bytes[index]
            if isDigit(byte) {
                count += 1
            } else if byte == UInt8(ascii: "-") && count == 6 {
                count += 1
                hyphenAfterSix = true
            } else {
                if count == 10 || (count == 11 && hyphenAfterSix) { return true }
                count = 0
                hyphenAfterSix = false
            }
            index += 1
        }
        return count == 10 || (count == 11 && hyphenAfterSix)
    }

    private static func masked(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
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
    private static func guidLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index + 36 <= bytes.count, isHex(bytes[index]) else { return nil }
        if index > 0, isHex(bytes[index - 1]) { return nil }
        for offset in 0..<36 {
            let byte = bytes[index + offset]
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard isHex(byte) else { return nil }
            }
        }
        if index + 36 < bytes.count, isHex(bytes[index + 36]) { return nil }
        return 36
    }
}

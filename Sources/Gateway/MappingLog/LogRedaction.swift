/// Masks anything that looks like a CPR (ten digits, optionally DDMMYY-XXXX) to its birth date, for
/// text that may quote a request: a validator's message quotes the value it refused.
///
/// GUIDs are copied as they are: their last group can hold ten digits in a row
/// (`…-0000000000ff`), and an operator needs the booking id whole.
enum LogRedaction {
    static func scrub(_ text: String) -> String {
        var text = text
        // Every mapping-log line passes here: nothing is copied unless something is masked (almost never).
        guard let masked = text.withUTF8(masking) else { return text }
        return String(decoding: masked, as: UTF8.self)
    }

    /// `scrub`, the text always rebuilt (the tests hold the two equal).
    static func masked(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in String(decoding: masking(bytes) ?? Array(bytes), as: UTF8.self) }
    }

    /// The text with each CPR-shaped run masked — a run of ten digits, or of six, a hyphen and up to four,
    /// outside a GUID — or nil when there is none. The new text is made at the first run to mask.
    private static func masking(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var result: [UInt8]?
        var copied = 0   // bytes before this are in `result` (once there is one)
        var runStart = 0
        var count = 0
        var hyphenAfterSix = false
        func endRun(at end: Int) {
            defer {
                count = 0
                hyphenAfterSix = false
            }
            guard count == 10 || (count == 11 && hyphenAfterSix) else { return }
            if result == nil { result = Array(unsafeUninitializedCapacity: bytes.count) { _, initialized in initialized = 0 } }
            result!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<(runStart + 6)]))
            result!.append(contentsOf: "-xxxx".utf8)
            copied = end
        }
        var index = 0
        while index < bytes.count {
            if count == 0, let length = guidLength(bytes, at: index) {
                index += length
                continue
            }
            let byte = bytes[index]
            if isDigit(byte) || (byte == UInt8(ascii: "-") && count == 6) {
                if count == 0 { runStart = index }
                if byte == UInt8(ascii: "-") { hyphenAfterSix = true }
                count += 1
            } else {
                endRun(at: index)
            }
            index += 1
        }
        endRun(at: bytes.count)
        guard var result else { return nil }
        result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return result
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

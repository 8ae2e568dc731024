/// Masks anything that looks like a CPR (ten digits, optionally DDMMYY-XXXX) to its birth date, for
/// text that may quote a request: a validator's message quotes the value it refused.
enum LogRedaction {
    static func scrub(_ text: String) -> String {
        var result = ""
        var digits: [Character] = []
        func flush() {
            if digits.count == 10 || (digits.count == 11 && digits[6] == "-") {
                result += String(digits.prefix(6)) + "-xxxx"
            } else {
                result += String(digits)
            }
            digits.removeAll()
        }
        for character in text {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if character == "-" && digits.count == 6 {
                digits.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }
}

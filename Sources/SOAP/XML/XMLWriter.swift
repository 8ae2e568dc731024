/// A small, fast XML writer: appends to one UTF-8 buffer, escapes text and attribute values,
/// and declares each namespace once on the element that opens it.
///
/// The gateway writes only documents it designs itself (SOAP envelopes and faults), so the writer
/// trades generality for speed: no pretty-printing, no DOM. Element names are `StaticString`s (the
/// contract's names, written in the code): copying one is a `memcpy` with no reference counting, which
/// made a 139-timeslot answer's tags about three times cheaper than going through `String`. A name made
/// at run time goes through `open(named:)` / `close(named:)`.
public struct XMLWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 2048) {
        bytes.reserveCapacity(capacity)
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" as StaticString)
    }

    /// `<name>`.
    public mutating func open(_ qualifiedName: StaticString) {
        bytes.append(UInt8(ascii: "<"))
        append(qualifiedName)
        bytes.append(UInt8(ascii: ">"))
    }

    /// `</name>`.
    public mutating func close(_ qualifiedName: StaticString) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(UInt8(ascii: "/"))
        append(qualifiedName)
        bytes.append(UInt8(ascii: ">"))
    }

    /// `<name>` for a name made at run time.
    public mutating func open(named qualifiedName: String) {
        open(qualifiedName, declaring: [])
    }

    /// `</name>` for a name made at run time.
    public mutating func close(named qualifiedName: String) {
        append("</" as StaticString)
        append(qualifiedName)
        append(">" as StaticString)
    }

    /// Opens `prefix:name`, declaring the given namespaces (prefix → URI) on it.
    public mutating func open(_ qualifiedName: String, declaring namespaces: [(prefix: String, uri: String)]) {
        append("<")
        append(qualifiedName)
        for namespace in namespaces {
            appendAttribute(namespace.prefix.isEmpty ? "xmlns" : "xmlns:\(namespace.prefix)", namespace.uri)
        }
        append(">")
    }

    /// Opens `name` with attributes, their values escaped; `empty` closes it at once (`<name a="1"/>`).
    public mutating func open(_ qualifiedName: String, attributes: [(name: String, value: String)], empty: Bool = false) {
        append("<")
        append(qualifiedName)
        for attribute in attributes { appendAttribute(attribute.name, attribute.value) }
        append(empty ? "/>" : ">")
    }

    /// ` name="value"`, the value escaped.
    private mutating func appendAttribute(_ name: String, _ value: String) {
        append(" ")
        append(name)
        append("=\"")
        appendEscaped(value, attribute: true)
        append("\"")
    }

    /// `<name>text</name>`, with the text escaped.
    public mutating func element(_ qualifiedName: StaticString, _ text: String) {
        open(qualifiedName)
        appendEscaped(text, attribute: false)
        close(qualifiedName)
    }

    /// `<name>…</name>` whose content `write` appends as bytes that need no escaping (a formatted time,
    /// a number): written straight into the buffer, with no string made for it.
    public mutating func element(_ qualifiedName: StaticString, unescaped write: (inout [UInt8]) -> Void) {
        open(qualifiedName)
        write(&bytes)
        close(qualifiedName)
    }

    /// `<name>123</name>`: the number's decimal digits, with no string made for them.
    public mutating func element(_ qualifiedName: StaticString, integer: Int) {
        open(qualifiedName)
        appendDecimal(integer)
        close(qualifiedName)
    }

    /// `<name>true</name>` or `<name>false</name>` (xs:boolean's canonical form).
    public mutating func element(_ qualifiedName: StaticString, _ flag: Bool) {
        open(qualifiedName)
        append(flag ? "true" as StaticString : "false")
        close(qualifiedName)
    }

    public mutating func append(_ raw: String) {
        var raw = raw
        raw.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Bytes that are markup already (a name, a fixed tag): copied as they are.
    public mutating func append(_ raw: StaticString) {
        raw.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// An integer's decimal digits (and its minus sign).
    public mutating func appendDecimal(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for the 20 digits of the largest
        withUnsafeMutableBytes(of: &digits) { buffer in
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[index...]))
        }
    }

    /// Escapes `&`, `<`, `>` (and `"` in attributes), and drops the characters XML 1.0 cannot carry
    /// at all (C0 controls other than tab, CR and LF), so that any string a Planner sends is writable.
    ///
    /// Runs of bytes that need nothing are copied whole (most text is such a run): the writer is on
    /// every answer's path, and a timeslot list is tens of kilobytes.
    public mutating func appendEscaped(_ text: String, attribute: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                // Most bytes: letters, digits, spaces, punctuation other than & < > (and " in attributes), UTF-8.
                if byte > UInt8(ascii: ">") || (byte >= 0x20 && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<")
                    && byte != UInt8(ascii: ">") && (byte != UInt8(ascii: "\"") || !attribute))
                {
                    continue
                }
                if index > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "&"): bytes.append(contentsOf: Self.amp)
                case UInt8(ascii: "<"): bytes.append(contentsOf: Self.lt)
                case UInt8(ascii: ">"): bytes.append(contentsOf: Self.gt)
                case UInt8(ascii: "\""): bytes.append(contentsOf: Self.quot)
                case UInt8(ascii: "\r"): bytes.append(contentsOf: Self.carriageReturn)
                case 0x09, 0x0A: bytes.append(byte)
                default: continue   // other C0 controls: dropped
                }
            }
            if utf8.count > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count])) }
        }
    }

    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8)
    private static let carriageReturn = Array("&#13;".utf8)
}

/// An object member's key, unescaped. A key of up to 16 bytes — every key of the seed's DTOs — is kept
/// inline, so reading an object allocates nothing per member for its keys (a BookingOptions answer has
/// hundreds of members); a longer one is kept in an array.
struct JSONKey: Sendable, Equatable {
    private var inline: (UInt64, UInt64) = (0, 0)
    private var long: [UInt8]?
    let count: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        count = bytes.count
        if bytes.count <= MemoryLayout<(UInt64, UInt64)>.size {
            withUnsafeMutableBytes(of: &inline) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        } else {
            long = Array(bytes)
        }
    }

    init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer(JSONKey.init)
    }

    /// The key's bytes, for as long as `body` runs.
    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let long { return long.withUnsafeBytes(body) }
        return withUnsafeBytes(of: inline) { body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }

    var bytes: [UInt8] { withBytes { Array($0) } }

    static func == (lhs: JSONKey, rhs: JSONKey) -> Bool {
        lhs.count == rhs.count && lhs.withBytes { a in rhs.withBytes { b in a.elementsEqual(b) } }
    }
}

/// The bounds every incoming document is parsed within.
///
/// The byte limit is enforced before the parser sees the bytes (the HTTP layer answers 413 even
/// earlier, while streaming); the depth limit is enforced while building the tree, well inside
/// libxml2's own limit of 256, which stays in force because `XML_PARSE_HUGE` is never set.
public struct XMLParseLimits: Sendable {
    public var maximumBytes: Int
    public var maximumDepth: Int

    public init(maximumBytes: Int = 1 << 20, maximumDepth: Int = 64) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
    }
}

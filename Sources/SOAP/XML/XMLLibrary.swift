import CLibXML2

/// libxml2's process-wide set-up, done once before any thread parses.
///
/// `xmlInitParser` must run before concurrent use; a `static let` gives exactly-once semantics
/// without global mutable state of our own.
enum XMLLibrary {
    private static let initialized: Bool = {
        xmlInitParser()
        // Never load anything from the network or the file system on behalf of a document.
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    static func initialize() { _ = initialized }
}

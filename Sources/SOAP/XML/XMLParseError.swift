/// Why a document was refused. The message is libxml2's or the gateway's own, fit for the mapping
/// log: it never quotes the document's content beyond the element names libxml2 names.
public struct XMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case tooLarge
        case tooDeep
        case documentTypeDeclaration
        case notWellFormed
        case schemaInvalid
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

import CopenhagenTime
import Foundation
import SOAP

/// Reads the typed values of a schema-valid body. Every failure here is 1014: the schema has already
/// said the text has the right form, so a failure means a value the form allows but the type does not
/// (a dateTime no calendar has).
public struct BodyReader: Sendable {
    public let body: XMLNode
    public let namespace: String

    public init(body: XMLNode, namespace: String) {
        self.body = body
        self.namespace = namespace
    }

    public func optionalText(_ name: String) -> String? {
        body.childText(name, namespace: namespace).flatMap { $0.isEmpty ? nil : $0 }
    }

    public func text(_ name: String) throws(StarFault) -> String {
        guard let value = optionalText(name) else { throw StarFault.notValid("\(name) is missing") }
        return value
    }

    public func uuid(_ name: String, orURL urlValue: String?) throws(StarFault) -> UUID {
        let text = optionalText(name) ?? urlValue ?? ""
        guard let value = UUID(uuidString: text) else { throw StarFault.notValid("\(name) is not a GUID") }
        return value
    }

    public func optionalUUID(_ name: String) throws(StarFault) -> UUID? {
        guard optionalText(name) != nil else { return nil }
        return try uuid(name, orURL: nil)
    }

    public func dateTime(_ name: String) throws(StarFault) -> Date {
        guard let value = CopenhagenTime.parse(try text(name)) else {
            throw StarFault.notValid("\(name) is not a valid dateTime")
        }
        return value
    }

    public func int(_ name: String) throws(StarFault) -> Int {
        guard let value = try optionalInt(name) else { throw StarFault.notValid("\(name) is missing") }
        return value
    }

    public func optionalInt(_ name: String) throws(StarFault) -> Int? {
        guard let text = optionalText(name) else { return nil }
        guard let value = Int(text) else { throw StarFault.notValid("\(name) is not a whole number") }
        return value
    }
}

import Foundation
import SOAP

/// The contract in Wsdl/: the WSDL and XSD as served, and the compiled schema every request is
/// validated against. Loaded once at start-up.
public struct Contract: Sendable {
    public let validator: SchemaValidator
    /// The contract's namespace, read from the XSD's targetNamespace (defined nowhere else).
    public var namespace: String { validator.targetNamespace }
    public let wsdl: String
    /// Schema files by file name, served beside the WSDL.
    public let schemas: [String: [UInt8]]

    public static let wsdlFile = "JobnetCitizenStatusService.wsdl"
    public static let schemaFile = "JobnetCitizenStatusService.xsd"

    public init(directory: String) throws {
        let wsdlPath = (directory as NSString).appendingPathComponent(Self.wsdlFile)
        let schemaPath = (directory as NSString).appendingPathComponent(Self.schemaFile)
        guard let wsdl = try? String(contentsOfFile: wsdlPath, encoding: .utf8),
            let schema = FileManager.default.contents(atPath: schemaPath)
        else { throw ContractError(message: "cannot read \(wsdlPath) and \(schemaPath)") }
        self.wsdl = wsdl
        self.schemas = [Self.schemaFile: Array(schema)]
        self.validator = try SchemaValidator(schemaText: Array(schema), name: Self.schemaFile)
    }

    /// The WSDL with its soap:address pointing at the endpoint it was fetched from.
    public func wsdl(address: String) -> String {
        guard let range = wsdl.range(of: #"location="[^"]*""#, options: .regularExpression) else { return wsdl }
        return wsdl.replacingCharacters(in: range, with: "location=\"\(address)\"")
    }
}

public struct ContractError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

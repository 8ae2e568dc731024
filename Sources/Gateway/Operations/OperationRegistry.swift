import Jobnet
import SOAP

/// The operations the gateway serves, listed once. The endpoint finds an operation here by its body
/// element's name; the catalogue's per-operation code lists, the metrics' label set and the code lists'
/// test all read this list.
///
/// Adding an operation: its type in `Operations/` (conforming to `GatewayOperation`), its request and
/// answer types with their XML mapping in `Jobnet/Requests` and `Jobnet/Responses`, a line here, its
/// entry in the WSDL/XSD and its STAR list in star-errors.yaml (docs/architecture.md).
enum OperationRegistry {
    static let all: [RegisteredOperation] = [
        RegisteredOperation(GetBorgerstatus.self),
        RegisteredOperation(GetSelvbookingMoedetilbud.self),
        RegisteredOperation(GetSelvbookingMoedetider.self),
        RegisteredOperation(CreateSelvbooking.self),
        RegisteredOperation(CreateOmbooking.self),
        RegisteredOperation(DeleteBooking.self),
        RegisteredOperation(SaveIndkaldelsesaccept.self),
        RegisteredOperation(GetOmbookingSagsbehandlere.self),
        RegisteredOperation(GetOmbookingMoedetider.self),
        RegisteredOperation(GetStraksbookingMoedetider.self),
        RegisteredOperation(GetBookings.self),
        RegisteredOperation(CreateFejlmelding.self),
        RegisteredOperation(StraksbookOgTilmeld.self),
    ]

    /// Every operation served, in the contract's order.
    public static let operations: [JobnetOperation] = all.map(\.operation)

    private static let byName: [String: RegisteredOperation] = Dictionary(uniqueKeysWithValues: all.map { ($0.operation.rawValue, $0) })

    /// The operation whose request element (or v10 URL segment) is `name`, if the gateway serves one.
    static func operation(named name: String) -> RegisteredOperation? { byName[name] }
}

/// An operation with its request and answer types erased: how the endpoint reads, runs and writes it.
struct RegisteredOperation: Sendable {
    let operation: JobnetOperation
    /// The operation's own codes plus 1014, which the endpoint raises for any operation.
    let starCodes: [Int]
    private let read: @Sendable (XMLNode, String, String?) throws(StarFault) -> any JobnetRequestBody
    private let run: @Sendable (any JobnetRequestBody, OperationContext) async throws(StarFault) -> any JobnetResponseBody

    init<Served: GatewayOperation>(_ served: Served.Type) {
        let operation = Served.operation
        self.operation = operation
        starCodes = [StarFault.validationFailed] + Served.starCodes
        read = { (body, namespace, urlIdentifier) throws(StarFault) in
            try operation.request(Served.Request.self, from: body, namespace: namespace, urlIdentifier: urlIdentifier)
        }
        run = { (request, context) throws(StarFault) in
            guard let typed = request as? Served.Request else {
                throw StarFault.notValid("\(operation.rawValue) was handed another operation's request")
            }
            return try await Served.handle(typed, context)
        }
    }

    /// The body element as this operation's typed request.
    func request(from body: XMLNode, namespace: String, urlIdentifier: String?) throws(StarFault) -> any JobnetRequestBody {
        try read(body, namespace, urlIdentifier)
    }

    /// The operation's rules, on a request `request(from:…)` read.
    func handle(_ request: any JobnetRequestBody, _ context: OperationContext) async throws(StarFault) -> any JobnetResponseBody {
        try await run(request, context)
    }
}

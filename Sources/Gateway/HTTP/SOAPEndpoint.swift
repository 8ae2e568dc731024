import Foundation
import Jobnet
import Planner
import SOAP

/// SOAP → typed request → operation → typed response → SOAP: the last stage of a call's path (the HTTP
/// stages before it: `ClientSubjectStage`, `BodyLimitStage`, `MappingLogStage`).
///
/// Every refusal on the way is a STAR fault raised here once: 1014 for anything that is not a valid
/// v10 message (not XML, a DTD, too deep, not an envelope, schema-invalid, a missing or malformed CPR,
/// ids in URL and body that disagree). What happened goes into the call's `CallTrace`, whose record
/// `MappingLogStage` writes, whatever happened.
public struct SOAPEndpoint: Sendable {
    public let contract: Contract
    public let parser: XMLParser
    /// The mappings in force and the Planner client built from their routes; one snapshot per call.
    public let store: MappingsStore
    public let log: MappingLog
    public let clock: @Sendable () -> Date
    public let limits: OperationLimits
    public let ledger: Ledger
    let locks: CitizenLocks
    let unmappedCaseworkers: UnmappedCaseworkers
    let failpoint: RebookingFailpoint?

    public init(
        contract: Contract, parser: XMLParser, store: MappingsStore, log: MappingLog, ledger: Ledger,
        limits: OperationLimits = OperationLimits(), clock: @escaping @Sendable () -> Date = { Date() },
        failpoint: RebookingFailpoint? = nil
    ) {
        self.failpoint = failpoint
        self.limits = limits
        self.ledger = ledger
        self.unmappedCaseworkers = UnmappedCaseworkers(ledger: ledger)
        self.locks = CitizenLocks(ledger: ledger)
        self.contract = contract
        self.parser = parser
        self.store = store
        self.log = log
        self.clock = clock
    }

    /// One SOAP call as HTTP sees it.
    public struct Call: Sendable {
        public var body: [UInt8]
        public var contentType: String?
        /// The `x-civilregistrationIdentifier` HTTP header, if sent.
        public var cprHeader: String?
        /// The operation and id of a v10-style URL (`/JobnetCitizenStatusService/{Operation}/{id}`).
        public var urlOperation: String?
        public var urlIdentifier: String?
        /// The caller's `x-requestId` header, if sent.
        public var requestId: String?

        public init(body: [UInt8], contentType: String?, cprHeader: String?, urlOperation: String?, urlIdentifier: String?,
                    requestId: String?) {
            self.body = body
            self.contentType = contentType
            self.cprHeader = cprHeader
            self.urlOperation = urlOperation
            self.urlIdentifier = urlIdentifier
            self.requestId = requestId
        }
    }

    public struct Answer: Sendable {
        public var status: Int
        public var contentType: String
        public var body: [UInt8]
        /// The call's correlation id, for the `x-correlation-id` response header.
        public var correlationId: String
    }

    /// One SOAP call, decoded, answered and encoded: the envelope → the operation → its typed request →
    /// the CPR → the operation's rules → its typed answer → the envelope. `trace` (started by
    /// `MappingLogStage`) learns the operation, the citizen, the correlation id the envelope offers and
    /// how the call ended; that stage writes the record.
    public func handle(_ call: Call, trace: CallTrace) async -> Answer {
        let transportVersion = SOAPVersion(contentType: call.contentType)
        let loaded = store.current
        // Named as soon as the body element names it: a fault from then on is that operation's.
        var operation: JobnetOperation?
        do throws(StarFault) {
            return try await answer(call, trace: trace, loaded: loaded, transportVersion: transportVersion, operation: &operation)
        } catch {
            let resolved = loaded.mappings.catalogue.resolve(error, for: operation)
            var reason = error.reason
            if let strayed = resolved.strayed {
                reason = "code \(strayed) is not on \(operation?.rawValue ?? "?")'s list (a gateway defect), answered 9303: \(error.reason)"
            }
            trace.fault(code: resolved.error.code, reason: reason)
            return Answer(status: 500, contentType: transportVersion.contentType,
                body: resolved.faultMessage(version: transportVersion, namespace: contract.namespace), correlationId: trace.correlationId)
        }
    }

    /// A call that comes without the HTTP stages (the fuzzer): the same, with a trace and a record of its own.
    public func handle(_ call: Call) async -> Answer {
        let trace = CallTrace(requestId: call.requestId, urlOperation: call.urlOperation)
        let answer = await handle(call, trace: trace)
        log.write(trace.record(at: clock()))
        return answer
    }

    private func answer(
        _ call: Call, trace: CallTrace, loaded: MappingsStore.Loaded, transportVersion: SOAPVersion, operation: inout JobnetOperation?
    ) async throws(StarFault) -> Answer {
        let document = try parse(call.body)
        let envelope: SOAPEnvelope
        do {
            envelope = try SOAPEnvelope(document: document.root, transportVersion: transportVersion)
        } catch .versionMismatch(let message, _) {
            // Answered in the version the caller understands, by SOAP's own fault.
            let resolved = loaded.mappings.catalogue.resolve(StarFault.notValid(message), for: nil)
            trace.fault(code: resolved.error.code, reason: message)
            return Answer(status: 500, contentType: transportVersion.contentType,
                body: resolved.versionMismatchMessage(version: transportVersion, namespace: contract.namespace),
                correlationId: trace.correlationId)
        } catch {
            throw StarFault.notValid(error.message)
        }
        trace.offerCorrelationId(envelope.addressingMessageId)
        operation = OperationRegistry.operation(named: envelope.body.localName)?.operation
        if let operation { trace.named(operation) }
        // SOAP's processing model: a mustUnderstand header the gateway does not process is a fault, not ignored.
        let notUnderstood = envelope.notUnderstood(understands)
        if !notUnderstood.isEmpty {
            let names = notUnderstood.map { "{\($0.namespace ?? "")}\($0.localName)" }.joined(separator: ", ")
            let resolved = loaded.mappings.catalogue.resolve(StarFault.notValid("mustUnderstand: \(names)"), for: operation)
            trace.fault(code: resolved.error.code, reason: "a header block marked mustUnderstand is not processed here: \(names)")
            return Answer(status: 500, contentType: envelope.version.contentType,
                body: resolved.mustUnderstandMessage(
                    version: envelope.version, namespace: contract.namespace,
                    notUnderstood: notUnderstood.map { ($0.namespace, $0.localName) }),
                correlationId: trace.correlationId)
        }
        let served = try servedOperation(envelope, call: call)
        try validate(envelope, document: document)
        let request = try served.request(from: envelope.body, namespace: contract.namespace, urlIdentifier: call.urlIdentifier)
        let cpr = try citizen(envelope, call: call, request: request)
        // StraksbookOgTilmeld may carry its CPR only in the body: the log still names the citizen (masked).
        if let citizen = cpr ?? request.citizenInBody.flatMap(CPR.init) { trace.citizen(citizen) }
        let context = OperationContext(
            cpr: cpr, planner: loaded.planner, mappings: loaded.mappings, now: clock(), limits: limits, ledger: ledger, locks: locks,
            notes: trace.notes, unmappedCaseworkers: unmappedCaseworkers, failpoint: failpoint)
        // TaskLocal.withValue rethrows untyped: carry the typed outcome out as a Result.
        let result = await PlannerCallRecorder.$current.withValue(trace.plannerCalls) { () async -> Result<any JobnetResponseBody, StarFault> in
            do throws(StarFault) { return .success(try await served.handle(request, context)) } catch { return .failure(error) }
        }
        let response = try result.get()
        let body = SOAPMessageWriter.envelope(
            version: envelope.version, payloadNamespace: contract.namespace, capacity: 512 + response.estimatedBytes
        ) { writer in
            served.operation.writeResponse(response, to: &writer)
        }
        return Answer(status: 200, contentType: envelope.version.contentType, body: body, correlationId: trace.correlationId)
    }

    // MARK: - The steps, in order

    /// Safe parse: no DTD, no entities, no network, bounded size and depth.
    func parse(_ body: [UInt8]) throws(StarFault) -> ParsedXMLDocument {
        do {
            return try parser.parse(body)
        } catch {
            throw StarFault(StarFault.validationFailed, "XML refused: \(error.message)")
        }
    }

    /// The header blocks the gateway processes: the citizen's CPR and WS-Addressing (Wsdl/README.md).
    func understands(_ block: XMLNode) -> Bool {
        (block.namespace == contract.namespace && block.localName == "PersonCivilRegistrationIdentifier")
            || SOAPEnvelope.addressingNamespaces.contains(block.namespace ?? "")
    }

    /// The operation the body element names (and the URL, if it names one too).
    func servedOperation(_ envelope: SOAPEnvelope, call: Call) throws(StarFault) -> RegisteredOperation {
        guard envelope.body.namespace == contract.namespace, let served = OperationRegistry.operation(named: envelope.body.localName) else {
            throw StarFault.notValid("unknown operation {\(envelope.body.namespace ?? "")}\(envelope.body.localName)")
        }
        if let urlOperation = call.urlOperation, urlOperation != served.operation.rawValue {
            throw StarFault.notValid("the URL names \(urlOperation) but the body is \(served.operation.rawValue)")
        }
        return served
    }

    /// The body element against the contract's schema.
    func validate(_ envelope: SOAPEnvelope, document: ParsedXMLDocument) throws(StarFault) {
        let problems = contract.validator.validate(document, elementAt: envelope.bodyPath)
        guard problems.isEmpty else {
            throw StarFault.notValid("schema: \(problems.joined(separator: "; "))")
        }
    }

    /// The CPR from the SOAP header or the `x-civilregistrationIdentifier` HTTP header; both must agree.
    func citizen(_ envelope: SOAPEnvelope, call: Call, request: any JobnetRequestBody) throws(StarFault) -> CPR? {
        let blocks = envelope.headers("PersonCivilRegistrationIdentifier", namespace: contract.namespace)
        guard blocks.count <= 1 else { throw StarFault(StarFault.validationFailed, "more than one CPR header") }
        let fromSOAP = blocks.first.map { $0.block.text.trimmingXMLWhitespace() }
        let fromHTTP = call.cprHeader?.trimmingXMLWhitespace()
        if let fromSOAP, let fromHTTP, fromSOAP != fromHTTP {
            throw StarFault(StarFault.validationFailed, "the SOAP header's CPR and the HTTP header's CPR disagree")
        }
        guard let text = fromSOAP ?? fromHTTP else {
            // A request that carries the CPR in its body (StraksbookOgTilmeld) needs no header.
            if request.citizenInBody != nil { return nil }
            throw StarFault(StarFault.validationFailed, "no CPR: neither a PersonCivilRegistrationIdentifier header nor x-civilregistrationIdentifier")
        }
        guard let cpr = CPR(text) else {
            throw StarFault(StarFault.validationFailed, "the CPR does not match PersonCivilRegistrationIdentifierType")
        }
        return cpr
    }

    /// The STAR codes each operation can answer with: the endpoint's 1014 for every operation, plus
    /// what the operation's own rules raise. A test holds these against Mappings/star-errors.yaml.
    public static let starCodes: [JobnetOperation: [Int]] = Dictionary(
        uniqueKeysWithValues: OperationRegistry.all.map { ($0.operation, $0.starCodes) })

    /// Finishes or undoes the rebookings left half-way: at start-up (`startUp`: every one, on a ledger no
    /// other instance shares) and then by the recovery sweep (only those whose lease has run out); each
    /// one done is a `rebooking-recovered` event in the mapping log.
    public func recoverRebookings(startUp: Bool = true) async {
        let loaded = store.current
        let context = OperationContext(
            cpr: nil, planner: loaded.planner, mappings: loaded.mappings, now: clock(), limits: limits, ledger: ledger, locks: locks,
            notes: MappingNotes(), unmappedCaseworkers: unmappedCaseworkers, failpoint: failpoint)
        let when = startUp ? "at start-up" : "by the recovery sweep"
        for line in await Rebooking.recover(context: context, ignoringLeases: startUp && !ledger.isShared, when: when) {
            log.event("rebooking-recovered", line, level: .warning)
        }
    }
}

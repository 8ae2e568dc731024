import Dispatch
import Foundation
import Gateway
import Logging
import Planner
import PlannerSimulator
import SOAP
import Synchronization

/// The whole request path, raw bytes in, SOAP answer out, with the simulator in-process (no sockets),
/// an in-memory ledger and a silent mapping log: what the fuzzer drives, and what the committed
/// crash inputs are replayed through in `make test`.
///
/// An input's first byte chooses how it arrives (the Content-Type, an `x-civilregistrationIdentifier`
/// header, a v10-style URL); the rest is the body. `check` holds the answer to the invariants every
/// answer must keep and returns what was wrong, if anything.
public final class FuzzHarness: Sendable {
    let endpoint: SOAPEndpoint

    public init(repositoryRoot: String) throws {
        let state = PlannerSimulatorState(data: DemoData.make())
        let transport = PlannerSimulatorTransport(state: state)
        let store = try MappingsStore(directory: repositoryRoot + "/Mappings") { routes in
            PlannerClient(
                configuration: .init(baseURL: "http://planner.invalid/", rootDepartmentId: DemoData.rootDepartmentId,
                                     micrositeId: DemoData.micrositeId, routes: routes),
                transport: transport)
        }
        endpoint = SOAPEndpoint(
            contract: try Contract(directory: repositoryRoot + "/Wsdl"), parser: XMLParser(), store: store,
            log: MappingLog(logger: Logger(label: "fuzz") { _ in SwiftLogNoOpLogHandler() }), ledger: try Ledger(path: nil))
    }

    static let contentTypes: [String?] = [
        "text/xml; charset=utf-8", "application/soap+xml; charset=utf-8", nil, "application/json", "text/xml; charset=iso-8859-1",
    ]

    /// The call an input stands for.
    public static func call(_ input: [UInt8]) -> SOAPEndpoint.Call {
        let selector = input.first ?? 0
        let body = Array(input.dropFirst())
        let contentType = contentTypes[Int(selector & 0x07) % contentTypes.count]
        let cprHeader: String? = selector & 0x08 != 0 ? "0101901111" : nil
        let urlOperation: String? = selector & 0x10 != 0 ? "GetSelvbookingMoedetider" : nil
        let urlIdentifier: String? = selector & 0x20 != 0 ? "c0000000-0000-4000-8000-000000000001" : nil
        return SOAPEndpoint.Call(
            body: body, contentType: contentType, cprHeader: cprHeader, urlOperation: urlOperation, urlIdentifier: urlIdentifier,
            requestId: selector & 0x40 != 0 ? "fuzz" : nil)
    }

    /// Runs one input to its answer, blocking the calling thread (libFuzzer's) until it is there.
    public func answer(_ input: [UInt8]) -> SOAPEndpoint.Answer {
        let box = AnswerBox()
        let semaphore = DispatchSemaphore(value: 0)
        let endpoint = self.endpoint
        let call = Self.call(input)
        Task {
            let answer = await endpoint.handle(call)
            box.answer.withLock { $0 = answer }
            semaphore.signal()
        }
        semaphore.wait()
        return box.answer.withLock { $0! }
    }

    /// Every answer is HTTP 200 or a 500 SOAP fault with a Fejlkode, is XML our own parser reads, and
    /// a fault never carries ten digits in a row (no CPR can leak through an error text).
    public func check(_ input: [UInt8]) -> String? {
        let answer = answer(input)
        guard answer.status == 200 || answer.status == 500 else { return "HTTP status \(answer.status)" }
        let tree: XMLNode
        do {
            tree = try XMLParser().parse(answer.body).root
        } catch {
            return "the answer is not XML: \(error)"
        }
        guard tree.localName == "Envelope", let body = tree.child("Body") else { return "the answer is not a SOAP envelope" }
        if answer.status == 500 {
            guard body.child("Fault") != nil else { return "a 500 without a Fault" }
            guard String(decoding: answer.body, as: UTF8.self).contains("Fejlkode>") else { return "a fault without a Fejlkode" }
            var run = 0
            for byte in answer.body {
                run = (byte >= 48 && byte <= 57) ? run + 1 : 0
                if run >= 10 { return "a fault carries ten digits in a row" }
            }
        } else if body.child("Fault") != nil {
            return "a Fault answered with 200"
        }
        return nil
    }
}

/// The answer, handed from the task that makes it to libFuzzer's waiting thread.
private final class AnswerBox: Sendable {
    let answer = Mutex<SOAPEndpoint.Answer?>(nil)
}

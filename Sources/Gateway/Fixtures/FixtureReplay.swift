import Foundation
import SOAP

/// `jobnet-gateway replay`: sends recorded requests to a running gateway and compares each answer
/// with its expected response, canonically (see `XMLComparison`: prefixes, white space and attribute
/// order do not matter; generated values match their placeholders).
///
/// A fixture is a pair `NAME.request.xml` / `NAME.response.xml`, as in Tests/Fixtures/. The request
/// is expanded by `FixtureTemplate` first (`{{now+3d}}`…). The expected HTTP status follows from the
/// expected body: 500 for a SOAP Fault, 200 otherwise.
public struct FixtureReplay: Sendable {
    public struct Fixture: Sendable, Equatable {
        /// The path without `.request.xml`, as given or found.
        public var name: String
        public var requestPath: String { name + ".request.xml" }
        public var expectedPath: String { name + ".response.xml" }
    }

    public struct Outcome: Sendable {
        public var fixture: Fixture
        public var passed: Bool
        /// One line per difference, each with its path; or why the fixture could not be run.
        public var differences: [String]
        /// The two trees side by side where they part (`-` expected, `+` actual).
        public var diff: String
        public var milliseconds: Double
    }

    public var url: String
    /// Writes each actual answer as the new expected file (placeholders for generated values).
    public var record: Bool
    let client: ReplayClient

    public init(url: String, record: Bool = false, timeoutMilliseconds: Int = 30_000, caBundle: String? = nil) {
        self.url = url
        self.record = record
        client = ReplayClient(caBundle: caBundle, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// The fixtures under the given paths: directories (searched recursively), `.request.xml` or
    /// `.response.xml` files, or names without the suffix. Sorted, each once.
    public static func fixtures(in paths: [String]) throws -> [Fixture] {
        var names = Set<String>()
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let enumerator = FileManager.default.enumerator(atPath: path)
                while let file = enumerator?.nextObject() as? String {
                    guard file.hasSuffix(".request.xml") else { continue }
                    names.insert((path as NSString).appendingPathComponent(String(file.dropLast(".request.xml".count))))
                }
                continue
            }
            var name = path
            for suffix in [".request.xml", ".response.xml"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
            guard FileManager.default.fileExists(atPath: name + ".request.xml") else {
                throw FixtureReplayError(message: "\(path): no \(name).request.xml")
            }
            names.insert(name)
        }
        return names.sorted().map { Fixture(name: $0) }
    }

    /// Sends one fixture and compares the answer.
    public func run(_ fixture: Fixture) async -> Outcome {
        let started = DispatchTime.now().uptimeNanoseconds
        func outcome(_ passed: Bool, _ differences: [String], diff: String = "") -> Outcome {
            Outcome(fixture: fixture, passed: passed, differences: differences, diff: diff,
                    milliseconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        }
        guard let template = try? String(contentsOfFile: fixture.requestPath, encoding: .utf8) else {
            return outcome(false, ["cannot read \(fixture.requestPath)"])
        }
        let response: ReplayClient.Answer
        do {
            response = try await client.post(
                url: url, body: Array(FixtureTemplate.expand(template).utf8), contentType: Self.contentType(of: template))
        } catch {
            return outcome(false, ["the gateway did not answer: \(error)"])
        }
        let answer = String(decoding: response.body, as: UTF8.self)
        if record {
            do {
                try FixtureWriter.expected(from: answer).write(toFile: fixture.expectedPath, atomically: true, encoding: .utf8)
            } catch {
                return outcome(false, ["cannot record \(fixture.expectedPath): \(error)"])
            }
        }
        guard let expectedText = try? String(contentsOfFile: fixture.expectedPath, encoding: .utf8) else {
            return outcome(false, ["cannot read \(fixture.expectedPath) (record it with --record)"])
        }
        let expected: XMLNode
        do {
            expected = try XMLParser().parse(Array(expectedText.utf8)).root
        } catch {
            return outcome(false, ["\(fixture.expectedPath) is not XML: \(error)"])
        }
        let actual: XMLNode
        do {
            actual = try XMLParser().parse(response.body).root
        } catch {
            return outcome(false, ["HTTP \(response.status), the answer is not XML: \(String(answer.prefix(200)))"])
        }
        var differences = XMLComparison.differences(expected: expected, actual: actual)
        let expectedStatus = Self.isFault(expected) ? 500 : 200
        if response.status != expectedStatus {
            differences.insert("HTTP status: expected \(expectedStatus), got \(response.status)", at: 0)
        }
        let diff = differences.isEmpty ? "" : XMLTreeDiff.render(expected: expected, actual: actual)
        return outcome(differences.isEmpty, differences, diff: diff)
    }

    /// A SOAP 1.2 envelope goes as `application/soap+xml`, anything else as SOAP 1.1's `text/xml`.
    static func contentType(of request: String) -> String {
        request.contains(SOAPVersion.soap12.envelopeNamespace) ? SOAPVersion.soap12.contentType : SOAPVersion.soap11.contentType
    }

    static func isFault(_ envelope: XMLNode) -> Bool {
        envelope.child("Body")?.children.first?.localName == "Fault"
    }
}

public struct FixtureReplayError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension FixtureReplay.Outcome {
    /// What `replay` prints for the fixture: one line, then on a mismatch the differences and the diff.
    public var report: String {
        let head = "\(passed ? "PASS" : "FAIL") \(fixture.name) (\(String(format: "%.0f", milliseconds)) ms)"
        guard !passed else { return head }
        var lines = [head] + differences.map { "    \($0)" }
        if !diff.isEmpty {
            lines.append("    --- expected  +++ actual")
            lines += diff.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}

import Foundation
import SOAP

/// The replay's result as JUnit XML, the report Jenkins and GitLab read: one `testcase` per fixture, its
/// class the fixture's directory (the operation) and its name the fixture's own; a fixture that did not
/// match has a `failure` whose message is the first difference and whose text is the whole report and
/// diff, as `replay` prints them. The shape is the one Jenkins' JUnit plugin documents (junit-10.xsd):
/// `testsuites` > `testsuite` > `testcase` > `failure`.
extension FixtureReplay {
    public static func junit(_ outcomes: [Outcome], suite: String = "jobnet-gateway replay", at timestamp: Date) -> [UInt8] {
        let failures = outcomes.filter { !$0.passed }.count
        let seconds = outcomes.reduce(0) { $0 + $1.milliseconds } / 1000
        func time(_ value: Double) -> String { String(format: "%.3f", value) }
        var writer = XMLWriter(capacity: 1024 + outcomes.count * 256)
        writer.append("\n")
        let counts: [(name: String, value: String)] = [
            ("tests", String(outcomes.count)), ("failures", String(failures)), ("errors", "0"), ("time", time(seconds)),
        ]
        writer.open("testsuites", attributes: [("name", suite)] + counts)
        writer.open("testsuite", attributes: [("name", suite)] + counts + [
            ("skipped", "0"), ("timestamp", ISO8601DateFormatter().string(from: timestamp).replacingOccurrences(of: "Z", with: "")),
        ])
        for outcome in outcomes {
            let path = outcome.fixture.name
            let name = (path as NSString).lastPathComponent
            let directory = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
            let attributes: [(name: String, value: String)] = [
                ("classname", directory.isEmpty ? "replay" : "replay.\(directory)"), ("name", name),
                ("time", time(outcome.milliseconds / 1000)),
            ]
            if outcome.passed {
                writer.open("testcase", attributes: attributes, empty: true)
                continue
            }
            writer.open("testcase", attributes: attributes)
            writer.open("failure", attributes: [("message", outcome.differences.first ?? "the answer differs"), ("type", "mismatch")])
            writer.appendEscaped(outcome.report, attribute: false)
            writer.close("failure")
            writer.close("testcase")
        }
        writer.close("testsuite")
        writer.close("testsuites")
        writer.append("\n")
        return writer.bytes
    }
}

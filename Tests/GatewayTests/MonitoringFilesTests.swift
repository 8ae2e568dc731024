import Foundation
@testable import Gateway
import Jobnet
import PlannerSimulator
import Testing

/// The dashboard and alert rules in docs/monitoring/ name only metrics the gateway exports: a renamed
/// metric fails here, not silently in a jobcenter's Grafana. (`make test` also runs `promtool check rules`.)
@Suite struct MonitoringFilesTests {
    static let directory = repositoryRoot + "/docs/monitoring"
    static let exported = Set(GatewayMetrics.Name.allCases.map(\.rawValue))

    /// The metric names in a PromQL expression, histogram series folded into their family.
    static func metrics(in expression: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: #"\b(?:jobnet|planner)_[a-z_]+\b"#)
        let range = NSRange(expression.startIndex..., in: expression)
        return Set(pattern.matches(in: expression, range: range).compactMap { match -> String? in
            guard let found = Range(match.range, in: expression) else { return nil }
            var name = String(expression[found])
            for suffix in ["_bucket", "_count", "_sum"] where name.hasSuffix(suffix) && !exported.contains(name) {
                name.removeLast(suffix.count)
            }
            return name
        })
    }

    static func ruleExpressions() throws -> [String] {
        try String(contentsOfFile: directory + "/alerts.yml", encoding: .utf8).split(separator: "\n")
            .compactMap { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("expr:") ? String(trimmed.dropFirst("expr:".count)) : nil
            }
    }

    static func dashboardExpressions() throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/grafana-dashboard.json")))
        var found: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    if ["expr", "query"].contains(key), let text = child as? String { found.append(text) } else { walk(child) }
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(json)
        return found
    }

    @Test func everyMetricTheRulesAndTheDashboardNameIsExported() throws {
        let rules = try Self.ruleExpressions()
        let panels = try Self.dashboardExpressions()
        #expect(rules.count >= 8)
        #expect(panels.count >= 12)
        let named = (rules + panels).reduce(into: Set<String>()) { $0.formUnion(Self.metrics(in: $1)) }
        #expect(named.subtracting(Self.exported).isEmpty, "not exported: \(named.subtracting(Self.exported).sorted())")
        // The dashboard shows every metric there is.
        let shown = panels.reduce(into: Set<String>()) { $0.formUnion(Self.metrics(in: $1)) }
        #expect(Self.exported.subtracting(shown).isEmpty, "not on the dashboard: \(Self.exported.subtracting(shown).sorted())")
    }

    @Test func theExportedListIsWhatMetricsServes() async throws {
        try await withHTTPTestGateway { gateway async throws in
            _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: DemoData.Citizen.anna))
            _ = try await gateway.post(SOAP.operation("GetBorgerstatus", cpr: "0404904444"))
            let metrics = try await gateway.get("/metrics")
            let families = Set(metrics.body.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }
                .compactMap { $0.split(separator: " ").dropFirst(2).first.map(String.init) })
            #expect(!families.isEmpty)
            #expect(families.subtracting(Self.exported).isEmpty, "served but not listed: \(families.subtracting(Self.exported).sorted())")
            for name in ["jobnet_requests_total", "jobnet_ledger_readable", "jobnet_planner_ready"] {
                #expect(families.contains(name), "\(name)")
            }
        }
    }
}

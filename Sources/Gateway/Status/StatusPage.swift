import CopenhagenTime
import Foundation
import Jobnet
import Planner

/// `GET /status`: one HTML page that shows an operator at a glance what the gateway is doing.
///
/// Server-rendered from the facts below, with no script and no external asset (the response's
/// Content-Security-Policy forbids both), so it works behind any proxy and shows the same thing in
/// every browser. It refreshes itself with a `<meta http-equiv="refresh">` every `refreshSeconds`
/// (`?refresh=0` stops it, for reading). Every text that came from outside the gateway is HTML-escaped
/// and scrubbed of anything that looks like a CPR: citizens appear only masked to their birth date.
public struct StatusPage: Sendable {
    /// What the page says besides the calls (`StatusBoard`): the gateway's own state.
    public struct Facts: Sendable {
        public var ready: Bool
        /// /ready's text: why ready or not, and the mappings line.
        public var readiness: String
        public var breaker: CircuitBreaker.State
        public var generation: Int
        public var mappingsDirectory: String
        public var loadedAt: Date
        public var lastRefusal: String?
        /// For each STAR code's side (Client or Server) and English text.
        public var catalogue: StarErrorCatalogue
        public var refreshSeconds: Int
    }

    public var facts: Facts
    public var snapshot: StatusSnapshot

    public init(facts: Facts, snapshot: StatusSnapshot) {
        self.facts = facts
        self.snapshot = snapshot
    }

    /// How often the page reloads itself unless `?refresh=` says otherwise.
    public static let defaultRefreshSeconds = 5

    /// The columns of the per-operation table: label and minutes.
    static let periods: [(label: String, minutes: Int)] = [("last 5 minutes", 5), ("last hour", 60), ("last 3 hours", StatusBoard.minutesKept)]

    public var html: String {
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            \(facts.refreshSeconds > 0 ? "<meta http-equiv=\"refresh\" content=\"\(facts.refreshSeconds)\">" : "")
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>jobnet-gateway status</title>
            <style>\(Self.style)</style></head>
            <body>

            """
        page += header
        page += readinessSection
        page += chartSection
        page += operationsSection
        page += plannerSection
        page += callsSection
        page += mappingsSection
        page += "</body></html>\n"
        return page
    }

    private var header: String {
        let badge = facts.ready ? "<span class=\"badge ok\" id=\"ready\">READY</span>" : "<span class=\"badge bad\" id=\"ready\">NOT READY</span>"
        let refresh = facts.refreshSeconds > 0
            ? "refreshes every \(facts.refreshSeconds) s (<a href=\"?refresh=0\">stop</a>)"
            : "not refreshing (<a href=\"?refresh=\(Self.defaultRefreshSeconds)\">refresh every \(Self.defaultRefreshSeconds) s</a>)"
        return """
            <header><h1>jobnet-gateway</h1>\(badge)
            <span class="muted">\(Self.escape(CopenhagenTime.format(snapshot.now))) (Copenhagen) · \(refresh)</span></header>

            """
    }

    private var readinessSection: String {
        let breaker = switch facts.breaker {
        case .closed: "<span class=\"ok-text\">closed</span>: calls go to Planner"
        case .open(let until): "<span class=\"bad-text\">open</span> until \(Self.escape(CopenhagenTime.format(until))): calls are answered 4769 without asking Planner"
        case .halfOpen: "<span class=\"warn-text\">half-open</span>: one probe of Planner is under way"
        }
        return """
            <section id="readiness"><h2>Readiness</h2>
            <pre>\(Self.text(facts.readiness))</pre>
            <p>Circuit breaker: \(breaker)</p></section>

            """
    }

    private var chartSection: String {
        """
        <section id="chart"><h2>Calls per minute, last hour</h2>
        \(StatusChart(snapshot: snapshot, side: { self.side($0) }).svg)
        <p class="legend"><span class="swatch ok-fill"></span>answered
        <span class="swatch warn-fill"></span>Client fault (the request or the citizen's situation)
        <span class="swatch bad-fill"></span>Server fault (Planner or the gateway)</p></section>

        """
    }

    private var operationsSection: String {
        let columns = Self.periods.map { snapshot.outcomes(lastMinutes: $0.minutes) }
        let operations = Set(columns.flatMap(\.keys)).sorted()
        var rows = ""
        for operation in operations {
            rows += "<tr><th scope=\"row\">\(Self.escape(operation))</th>"
            for column in columns {
                let outcomes = (column[operation] ?? [:]).sorted { Self.outcomeOrder($0.key, $1.key) }
                rows += "<td>" + outcomes.map { chip(outcome: $0.key, count: $0.value) }.joined(separator: " ") + "</td>"
            }
            rows += "</tr>\n"
        }
        if operations.isEmpty { rows = "<tr><td colspan=\"4\" class=\"muted\">no calls in the last 3 hours</td></tr>\n" }
        return """
            <section id="operations"><h2>STAR codes per operation</h2>
            <table><thead><tr><th>Operation</th>\(Self.periods.map { "<th>\($0.label)</th>" }.joined())</tr></thead>
            <tbody>
            \(rows)</tbody></table></section>

            """
    }

    private var plannerSection: String {
        var rows = ""
        for route in snapshot.routes {
            let p = route.percentiles
            rows += "<tr><th scope=\"row\">\(Self.escape(route.route))</th><td class=\"num\">\(route.total)</td>"
                + [p.p50, p.p90, p.p99, p.max].map { "<td class=\"num\">\(Self.milliseconds($0))</td>" }.joined()
                + "<td class=\"num\(route.recentFailures > 0 ? " bad-text" : "")\">\(route.recentFailures) of \(route.sampleCount)</td></tr>\n"
        }
        if rows.isEmpty { rows = "<tr><td colspan=\"7\" class=\"muted\">no Planner calls yet</td></tr>\n" }
        return """
            <section id="planner"><h2>Planner latency per route</h2>
            <table><thead><tr><th>Route</th><th>calls</th><th>p50</th><th>p90</th><th>p99</th><th>max</th><th>failed</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            <p class="muted">Percentiles and failures (unreachable, timed out or 5xx) over each route's last \(StatusBoard.latencySampleCount) calls; calls since the gateway started.</p></section>

            """
    }

    private var callsSection: String {
        var rows = ""
        for call in snapshot.recentCalls {
            let time = String(CopenhagenTime.formatWithMilliseconds(call.time).dropFirst(11).prefix(12))
            let planner = call.plannerCalls.map { "\(Self.escape($0.route)) \($0.status.map(String.init) ?? Self.escape($0.failureClass ?? "-"))" }
                .joined(separator: ", ")
            rows += "<tr><td class=\"num\">\(time)</td><td class=\"id\">\(Self.text(call.correlationId))</td>"
                + "<td>\(Self.escape(call.operation))</td><td class=\"nowrap\">\(Self.text(call.citizen ?? "–"))</td>"
                + "<td>\(chip(outcome: call.outcome, count: nil))</td><td class=\"num\">\(Self.milliseconds(call.milliseconds))</td>"
                + "<td>\(planner)</td><td>\(Self.text(call.reason ?? ""))</td></tr>\n"
        }
        if rows.isEmpty { rows = "<tr><td colspan=\"8\" class=\"muted\">no calls yet</td></tr>\n" }
        return """
            <section id="calls"><h2>Last calls</h2>
            <table><thead><tr><th>time</th><th>correlation id</th><th>operation</th><th>citizen</th><th>outcome</th><th>ms</th><th>Planner calls</th><th>reason</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            <p class="muted">The \(StatusBoard.recentCallCount) newest, newest first; the mapping log has every call, found by its correlation id.</p></section>

            """
    }

    private var mappingsSection: String {
        func seen(_ list: [StatusSnapshot.Seen], none: String) -> String {
            guard !list.isEmpty else { return "<p class=\"muted\">\(none)</p>" }
            return "<ul>" + list.map {
                "<li><code>\(Self.text($0.id))</code> <span class=\"muted\">last seen \(Self.escape(CopenhagenTime.format($0.lastSeen)))</span></li>"
            }.joined() + "</ul>"
        }
        let refusal = facts.lastRefusal.map { "<p class=\"bad-text\">The last reload was refused; this generation stays in force: \(Self.text($0))</p>" } ?? ""
        return """
            <section id="mappings"><h2>Mappings</h2>
            <p>Generation <strong>\(facts.generation)</strong> from <code>\(Self.escape(facts.mappingsDirectory))</code>, loaded \(Self.escape(CopenhagenTime.format(facts.loadedAt)))</p>
            \(refusal)
            <h3>Planner resources caseworkers.yaml does not name</h3>
            \(seen(snapshot.unmappedResources, none: "none seen"))
            <h3>Offers served by the defaults (no entry in offers.yaml)</h3>
            \(seen(snapshot.offersByDefaults, none: "none seen"))</section>

            """
    }

    /// A coloured outcome: "ok" green, a Client fault amber, a Server fault red; the STAR text as tooltip.
    private func chip(outcome: String, count: Int?) -> String {
        let kind = side(outcome)
        let title = Int(outcome).flatMap { facts.catalogue.errors[$0] }.map { " title=\"\(Self.escape($0.english))\"" } ?? ""
        return "<span class=\"chip \(kind.rawValue)\"\(title)>\(Self.escape(outcome))\(count.map { " <b>\($0)</b>" } ?? "")</span>"
    }

    /// How an outcome counts on the page.
    enum Kind: String { case ok, client = "warn", server = "bad" }

    /// "ok", else the STAR code's side in the catalogue (a code the catalogue lacks counts as Server).
    func side(_ outcome: String) -> Kind {
        guard outcome != "ok" else { return .ok }
        guard let code = Int(outcome), let error = facts.catalogue.errors[code] else { return .server }
        return error.side == .client ? .client : .server
    }

    /// "ok" first, then the codes in number order.
    static func outcomeOrder(_ a: String, _ b: String) -> Bool {
        if a == "ok" || b == "ok" { return a == "ok" && b != "ok" }
        return (Int(a) ?? .max, a) < (Int(b) ?? .max, b)
    }

    static func milliseconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.1f", value) : String(format: "%.0f", value)
    }

    /// Text from outside the gateway: scrubbed of anything CPR-like, then escaped.
    static func text(_ value: String) -> String {
        escape(LogRedaction.scrub(value))
    }

    /// Escapes by Unicode scalar, never by `Character`: a grapheme cluster can hold a `<` behind a
    /// prepended scalar (U+0600 `<` is one Character, not equal to "<"), which would pass unescaped.
    static func escape(_ value: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result.append(contentsOf: "&amp;".unicodeScalars)
            case "<": result.append(contentsOf: "&lt;".unicodeScalars)
            case ">": result.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": result.append(contentsOf: "&quot;".unicodeScalars)
            case "'": result.append(contentsOf: "&#39;".unicodeScalars)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    static let style = """
        body{font:14px/1.4 system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:16px 24px;color:#1b1f24;background:#fafafa}
        header{display:flex;align-items:baseline;gap:12px;flex-wrap:wrap}
        h1{font-size:22px;margin:0}h2{font-size:16px;margin:20px 0 6px}h3{font-size:14px;margin:10px 0 4px}
        section{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:4px 14px 10px;margin:12px 0}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #eceff2;vertical-align:top}
        thead th{font-weight:600;color:#57606a;border-bottom:1px solid #d8dde3}
        .num,.nowrap{white-space:nowrap}.num{text-align:right;font-variant-numeric:tabular-nums}.id{font-family:monospace;font-size:12px}
        pre{margin:4px 0;white-space:pre-wrap}.muted{color:#6e7781}
        .badge{font-weight:700;padding:2px 10px;border-radius:10px;color:#fff}.badge.ok{background:#2e7d32}.badge.bad{background:#c62828}
        .chip{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;margin:1px 0}
        .chip.ok{background:#e3f1e4;color:#1b5e20}.chip.warn{background:#fff3cd;color:#7a5200}.chip.bad{background:#fde2e1;color:#8e1c1c}
        .ok-text{color:#2e7d32;font-weight:600}.warn-text{color:#9a6700;font-weight:600}.bad-text{color:#c62828;font-weight:600}
        .legend{font-size:12px;color:#57606a}.swatch{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}
        .ok-fill{background:#43a047}.warn-fill{background:#f9a825}.bad-fill{background:#e53935}
        svg text{font:11px system-ui,"DejaVu Sans",sans-serif;fill:#57606a}
        """
}

/// The status page's chart: the calls of each of the last 60 minutes as a stacked bar (answered,
/// Client faults, Server faults), drawn as inline SVG on the server so the page needs no script.
struct StatusChart {
    static let minutes = 60
    static let width = 760
    static let height = 170
    /// Room for the axis labels.
    static let left = 36
    static let bottom = 20
    static let top = 8

    let snapshot: StatusSnapshot
    let side: (String) -> StatusPage.Kind

    /// Per minute of the last hour, oldest first: answered, Client faults, Server faults.
    var bars: [(ok: Int, client: Int, server: Int)] {
        var bars = Array(repeating: (ok: 0, client: 0, server: 0), count: Self.minutes)
        for minute in snapshot.minutes {
            let slot = Self.minutes - 1 - (snapshot.currentMinute - minute.minute)
            guard bars.indices.contains(slot) else { continue }
            for outcomes in minute.outcomes.values {
                for (outcome, count) in outcomes {
                    switch side(outcome) {
                    case .ok: bars[slot].ok += count
                    case .client: bars[slot].client += count
                    case .server: bars[slot].server += count
                    }
                }
            }
        }
        return bars
    }

    var svg: String {
        let bars = self.bars
        let peak = bars.map { $0.ok + $0.client + $0.server }.max() ?? 0
        let scale = Self.niceCeiling(max(peak, 1))
        let plotWidth = Double(Self.width - Self.left - 4)
        let plotHeight = Double(Self.height - Self.bottom - Self.top)
        let slot = plotWidth / Double(Self.minutes)
        let baseline = Double(Self.height - Self.bottom)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" style=\"max-width:960px\" viewBox=\"0 0 \(Self.width) \(Self.height)\" role=\"img\" aria-label=\"Calls per minute over the last hour\">"
        // The grid: 0, half and the scale.
        for fraction in [0.0, 0.5, 1.0] {
            let y = baseline - plotHeight * fraction
            svg += "<line x1=\"\(Self.left)\" y1=\"\(Self.format(y))\" x2=\"\(Self.width - 4)\" y2=\"\(Self.format(y))\" stroke=\"#e1e4e8\"/>"
            svg += "<text x=\"\(Self.left - 4)\" y=\"\(Self.format(y + 4))\" text-anchor=\"end\">\(Int(Double(scale) * fraction))</text>"
        }
        for (index, bar) in bars.enumerated() {
            let x = Double(Self.left) + Double(index) * slot + 1
            var y = baseline
            for (count, colour, what) in [(bar.ok, "#43a047", "answered"), (bar.client, "#f9a825", "Client faults"), (bar.server, "#e53935", "Server faults")]
            where count > 0 {
                let h = plotHeight * Double(count) / Double(scale)
                y -= h
                let ago = Self.minutes - 1 - index
                svg += "<rect x=\"\(Self.format(x))\" y=\"\(Self.format(y))\" width=\"\(Self.format(slot - 2))\" height=\"\(Self.format(h))\" fill=\"\(colour)\">"
                    + "<title>\(ago == 0 ? "this minute" : "\(ago) min ago"): \(count) \(what)</title></rect>"
            }
        }
        for ago in stride(from: 60, through: 0, by: -15) {
            let x = Double(Self.left) + Double(Self.minutes - ago) * slot - (ago == 0 ? slot / 2 : 0)
            svg += "<text x=\"\(Self.format(x))\" y=\"\(Self.height - 5)\" text-anchor=\"middle\">\(ago == 0 ? "now" : "−\(ago) min")</text>"
        }
        return svg + "</svg>"
    }

    /// The smallest of 1, 2, 5 × 10ⁿ at or above `value`, so the axis reads in round numbers.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while true {
            for step in [1, 2, 5] where step * magnitude >= value { return step * magnitude }
            magnitude *= 10
        }
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}

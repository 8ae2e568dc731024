/// A readable diff of two XML trees for a person: each element on a line of its own (local name,
/// attributes, text, indented by depth), and the two renderings compared line by line, so a tester
/// sees the expected (`-`) and actual (`+`) lines where they part, with unchanged lines around them.
/// Lines that match by a placeholder (`{{guid}}`…) count as unchanged, as in `XMLComparison`.
public enum XMLTreeDiff {
    struct Line {
        var depth: Int
        var name: String
        var text: String

        var rendered: String {
            String(repeating: "  ", count: depth) + name + (text.isEmpty ? "" : ": " + text)
        }
    }

    /// The diff, or "" when the trees render alike. `context` unchanged lines are kept around each change.
    public static func render(expected: XMLNode, actual: XMLNode, context: Int = 2) -> String {
        var anyContent = Set<String>()
        let left = lines(expected, depth: 0, path: "", collapsing: nil, collecting: &anyContent)
        var unused = Set<String>()
        let right = lines(actual, depth: 0, path: "", collapsing: anyContent, collecting: &unused)
        // Past a few thousand lines a side the table grows too large to be worth it: the paths will do.
        guard left.count * right.count <= 4_000_000 else { return "(too large to diff line by line)" }
        let script = editScript(left, right)
        guard script.contains(where: { $0.0 != " " }) else { return "" }
        var keep = [Bool](repeating: false, count: script.count)
        for (index, entry) in script.enumerated() where entry.0 != " " {
            for near in max(0, index - context)...min(script.count - 1, index + context) { keep[near] = true }
        }
        var out: [String] = []
        var skipped = false
        for (index, entry) in script.enumerated() {
            if keep[index] {
                out.append("\(entry.0) \(entry.1)")
                skipped = false
            } else if !skipped {
                out.append("  …")
                skipped = true
            }
        }
        return out.joined(separator: "\n")
    }

    private static func lines(
        _ node: XMLNode, depth: Int, path: String, collapsing: Set<String>?, collecting: inout Set<String>
    ) -> [Line] {
        let path = path + "/" + node.localName
        let attributes = node.attributes
            .filter { $0.namespace != "http://www.w3.org/2000/xmlns/" }
            .map { "@\($0.localName)=\"\($0.value)\"" }
            .sorted()
        let name = ([node.localName] + attributes).joined(separator: " ")
        let text = node.children.isEmpty ? node.text.trimmingXMLWhitespace() : ""
        if node.text.trimmingXMLWhitespace() == "{{any-content}}" {
            collecting.insert(path)
            return [Line(depth: depth, name: name, text: "{{any-content}}")]
        }
        if let collapsing, collapsing.contains(path) {
            return [Line(depth: depth, name: name, text: "{{any-content}}")]
        }
        var result = [Line(depth: depth, name: name, text: text)]
        for child in node.children {
            result += lines(child, depth: depth + 1, path: path, collapsing: collapsing, collecting: &collecting)
        }
        return result
    }

    private static func same(_ expected: Line, _ actual: Line) -> Bool {
        expected.depth == actual.depth && expected.name == actual.name && XMLComparison.matches(expected.text, actual.text)
    }

    /// A longest-common-subsequence edit script: (" ", line), ("-", expected line), ("+", actual line).
    private static func editScript(_ left: [Line], _ right: [Line]) -> [(Character, String)] {
        let n = left.count, m = right.count
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = same(left[i], right[j]) ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var script: [(Character, String)] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, same(left[i], right[j]) {
                script.append((" ", right[j].rendered))
                i += 1
                j += 1
            } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
                script.append(("+", right[j].rendered))
                j += 1
            } else {
                script.append(("-", left[i].rendered))
                i += 1
            }
        }
        // Show the expected line before the actual one where a line changed.
        var ordered: [(Character, String)] = []
        var pendingAdds: [(Character, String)] = []
        for entry in script {
            switch entry.0 {
            case "+": pendingAdds.append(entry)
            case "-": ordered.append(entry)
            default:
                ordered += pendingAdds
                pendingAdds = []
                ordered.append(entry)
            }
        }
        return ordered + pendingAdds
    }
}

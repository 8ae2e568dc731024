import Foundation
@testable import Gateway
import Jobnet
import Planner
import Testing

/// Each operation's declared STAR codes (`GatewayOperation.starCodes`, plus the endpoint's 1014) are
/// exactly the codes its code can raise, derived from the sources: the named STAR faults in the
/// operation's file, in the rule types it uses (their files) and in the `OperationContext` methods it
/// calls (their bodies), followed to a fixpoint; a Planner call adds Planner's trouble (4769, 9018, 9303,
/// 9329) and a ledger call the gateway's own (9303). The declarations themselves are not read.
@Suite struct DerivedStarCodesTests {
    static let gateway = repositoryRoot + "/Sources/Gateway"

    /// STAR's codes by the names the sources raise them with (StarFault+Named.swift and StarError.swift).
    static func namedCodes() throws -> [String: Int] {
        var codes: [String: Int] = [:]
        for file in ["/Sources/Jobnet/Errors/StarFault+Named.swift", "/Sources/Jobnet/Errors/StarError.swift"] {
            let text = try String(contentsOfFile: repositoryRoot + file, encoding: .utf8)
            for match in text.matches(of: /static let (\w+) = (\d{4})/) { codes[String(match.1)] = Int(match.2) }
        }
        // The factories without a constant of their own.
        codes["notValid"] = StarFault.validationFailed
        codes["cprUnknown"] = StarFault.unknownCPR
        codes["cprLookupFailed"] = StarFault.unknownCPRLookup
        return codes
    }

    /// A source file's text without comments and without `starCodes` declarations.
    static func code(_ path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines: [Substring] = []
        var inDeclaration = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("static let starCodes") { inDeclaration = true }
            if inDeclaration {
                if trimmed.isEmpty || trimmed.hasPrefix("static func") { inDeclaration = false } else { continue }
            }
            if trimmed.hasPrefix("//") { continue }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// The body of `func name(` in `text` (to its closing brace at the same indentation).
    static func body(of name: String, in text: String) -> String? {
        guard let start = text.range(of: "    func \(name)(") else { return nil }
        guard let end = text.range(of: "\n    }\n", range: start.upperBound..<text.endIndex) else { return nil }
        return String(text[start.lowerBound..<end.upperBound])
    }

    struct Units {
        /// Unit name → its code: rule types (a file each) and context methods (a body each).
        var text: [String: String] = [:]
    }

    static func units() throws -> Units {
        var units = Units()
        for type in ["BookingChoice", "OneBookingPerType", "TimeslotSearch"] {
            units.text[type] = try code(gateway + "/Rules/\(type).swift")
        }
        // BookingRules by function: its checks raise, `effective` and `deadline` do not.
        let rules = try code(gateway + "/Rules/BookingRules.swift")
        if let notPast = rules.range(of: "static func checkNotPast("), let check = rules.range(of: "static func check("),
            let effective = rules.range(of: "static func effective(")
        {
            units.text["BookingRules.checkNotPast"] = String(rules[notPast.lowerBound..<check.lowerBound])
            units.text["BookingRules.check"] = String(rules[check.lowerBound..<effective.lowerBound])
        }
        var rebooking = ""
        for file in ["Rebooking", "Rebooking+Steps", "Rebooking+StateMachine"] { rebooking += try code(gateway + "/Rebooking/\(file).swift") }
        units.text["Rebooking"] = rebooking
        let contextFiles = try FileManager.default.contentsOfDirectory(atPath: gateway + "/Context").filter { $0.hasPrefix("OperationContext") }
        for file in contextFiles {
            let text = try code(gateway + "/Context/" + file)
            for match in text.matches(of: /\n    func (\w+)\(/) {
                let name = String(match.1)
                if let body = body(of: name, in: text) { units.text["context." + name, default: ""] += body }
            }
        }
        return units
    }

    /// The codes `text` raises, following the units it uses.
    static func derive(_ text: String, units: Units, named: [String: Int], seen: inout Set<String>) -> Set<Int> {
        var codes = Set(text.matches(of: /StarFault\.(\w+)/).compactMap { named[String($0.1)] })
        if text.contains("calls.") || text.contains("context.planner") || text.contains(".starFault") {
            codes.formUnion(PlannerError.starCodes)
        }
        if text.contains("ledgerCall") { codes.insert(StarFault.plannerServerError) }
        for (unit, unitText) in units.text where !seen.contains(unit) {
            let name = unit.hasPrefix("context.") ? String(unit.dropFirst("context.".count)) : unit
            let used = unit.hasPrefix("context.")
                ? text.contains(".\(name)(") || text.contains(" \(name)(") || text.contains("(\(name)(")
                : unit.contains(".") ? text.contains("\(unit)(") : text.contains(name)
            guard used else { continue }
            seen.insert(unit)
            codes.formUnion(derive(unitText, units: units, named: named, seen: &seen))
        }
        return codes
    }

    @Test func everyOperationDeclaresExactlyTheCodesItsCodeRaises() throws {
        let named = try Self.namedCodes()
        let units = try Self.units()
        for served in OperationRegistry.all {
            var text = try Self.code(Self.gateway + "/Operations/\(served.operation.rawValue).swift")
            // StraksbookOgTilmeld books as CreateSelvbooking's `book` does.
            if text.contains("CreateSelvbooking.book(") {
                let selfBooking = try Self.code(Self.gateway + "/Operations/CreateSelvbooking.swift")
                let book = try #require(selfBooking.range(of: "static func book("))
                text += String(selfBooking[book.lowerBound...])
            }
            var seen: Set<String> = []
            var derived = Self.derive(text, units: units, named: named, seen: &seen)
            derived.insert(StarFault.validationFailed)  // the endpoint's, for every operation
            // Decided at run time, where the source cannot tell: an immediate booking is held to the
            // Jobsamtale rule only (`OneBookingPerType.immediateBooking`), so StraksbookOgTilmeld raises no 9220.
            if served.operation == .straksbookOgTilmeld { derived.remove(StarFault.alreadyHasOpfoelgningssamtale) }
            let declared = Set(served.starCodes)
            let undeclared = derived.subtracting(declared).sorted()
            let unraised = declared.subtracting(derived).sorted()
            #expect(undeclared.isEmpty && unraised.isEmpty, "\(served.operation.rawValue): raises undeclared \(undeclared), declares unraised \(unraised)")
        }
    }
}

import Foundation

/// What `StatusBoard` holds at one moment, as values for `StatusPage` to render.
public struct StatusSnapshot: Sendable, Equatable {
    public struct Call: Sendable, Equatable {
        public var time: Date
        public var correlationId: String
        /// One of the 13 operations, or "unknown".
        public var operation: String
        /// Masked to the birth date (`DDMMYY-xxxx`), as in the mapping log.
        public var citizen: String?
        /// "ok" or the STAR code answered.
        public var outcome: String
        public var reason: String?
        public var milliseconds: Double
        public var plannerCalls: [PlannerCall]
    }

    public struct PlannerCall: Sendable, Equatable {
        public var route: String
        public var status: Int?
        public var failureClass: String?
    }

    /// The outcomes of one minute: operation → outcome ("ok" or a STAR code) → calls.
    public struct Minute: Sendable, Equatable {
        /// Minutes since 1970.
        public var minute: Int
        public var outcomes: [String: [String: Int]] = [:]

        mutating func count(operation: String, outcome: String) {
            outcomes[operation, default: [:]][outcome, default: 0] += 1
        }
    }

    public struct Percentiles: Sendable, Equatable {
        public var p50: Double
        public var p90: Double
        public var p99: Double
        public var max: Double
    }

    public struct Route: Sendable, Equatable {
        public var route: String
        /// Calls since the gateway started.
        public var total: Int
        /// Over the last `sampleCount` calls.
        public var percentiles: Percentiles
        public var recentFailures: Int
        public var sampleCount: Int
    }

    public struct Seen: Sendable, Equatable {
        public var id: String
        public var lastSeen: Date
    }

    public var now: Date
    /// The minute `now` is in (minutes since 1970).
    public var currentMinute: Int { Self.minute(of: now) }

    /// The minute a time is in, as `Minute.minute` counts.
    public static func minute(of time: Date) -> Int { Int((time.timeIntervalSince1970 / 60).rounded(.down)) }
    /// Newest first.
    public var recentCalls: [Call]
    /// Oldest first, only minutes that saw a call.
    public var minutes: [Minute]
    public var routes: [Route]
    public var unmappedResources: [Seen]
    public var offersByDefaults: [Seen]

    /// Per operation, the outcomes of the last `minutes` minutes.
    public func outcomes(lastMinutes minutes: Int) -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        for entry in self.minutes where entry.minute > currentMinute - minutes {
            for (operation, outcomes) in entry.outcomes {
                for (outcome, count) in outcomes { result[operation, default: [:]][outcome, default: 0] += count }
            }
        }
        return result
    }
}

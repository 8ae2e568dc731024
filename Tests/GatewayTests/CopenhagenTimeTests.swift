import CopenhagenTime
import Foundation
import Testing

/// Planner's offset-less times are Copenhagen's; Jobnet always gets the offset in force then.
@Suite struct CopenhagenTimeTests {
    @Test func winterAndSummerOffsets() throws {
        let winter = try #require(CopenhagenTime.parse("2026-12-01T09:30:00"))
        #expect(CopenhagenTime.format(winter) == "2026-12-01T09:30:00+01:00")
        let summer = try #require(CopenhagenTime.parse("2026-07-01T09:30:00"))
        #expect(CopenhagenTime.format(summer) == "2026-07-01T09:30:00+02:00")
        #expect(CopenhagenTime.local(summer) == "2026-07-01T09:30:00")
    }

    @Test func springForwardOn29March2026() throws {
        // 02:00 local becomes 03:00: 01:59:59+01:00 is followed by 03:00:00+02:00.
        let before = try #require(CopenhagenTime.parse("2026-03-29T01:59:59"))
        let after = try #require(CopenhagenTime.parse("2026-03-29T03:00:00"))
        #expect(after.timeIntervalSince(before) == 1)
        #expect(CopenhagenTime.format(before) == "2026-03-29T01:59:59+01:00")
        #expect(CopenhagenTime.format(after) == "2026-03-29T03:00:00+02:00")
        // The hour that does not exist is read as if the clocks had not yet moved.
        let gap = try #require(CopenhagenTime.parse("2026-03-29T02:30:00"))
        #expect(CopenhagenTime.format(gap) == "2026-03-29T03:30:00+02:00")
        // Whole days keep the wall clock across the change.
        let friday = try #require(CopenhagenTime.parse("2026-03-27T09:00:00"))
        #expect(CopenhagenTime.format(CopenhagenTime.adding(days: 3, to: friday)) == "2026-03-30T09:00:00+02:00")
    }

    @Test func fallBackOn25October2026() throws {
        // 03:00 summer time becomes 02:00 winter time: 02:30 happens twice.
        let first = try #require(CopenhagenTime.parse("2026-10-25T02:30:00+02:00"))
        let second = try #require(CopenhagenTime.parse("2026-10-25T02:30:00+01:00"))
        #expect(second.timeIntervalSince(first) == 3600)
        #expect(CopenhagenTime.format(first) == "2026-10-25T02:30:00+02:00")
        #expect(CopenhagenTime.format(second) == "2026-10-25T02:30:00+01:00")
        // Without an offset, the first occurrence (summer time) is meant.
        #expect(CopenhagenTime.parse("2026-10-25T02:30:00") == first)
        let morning = try #require(CopenhagenTime.parse("2026-10-25T09:00:00"))
        #expect(CopenhagenTime.format(morning) == "2026-10-25T09:00:00+01:00")
    }

    @Test func offsetsAndZAreReadAndBadValuesRefused() throws {
        let utc = try #require(CopenhagenTime.parse("2026-12-01T08:30:00Z"))
        #expect(CopenhagenTime.format(utc) == "2026-12-01T09:30:00+01:00")
        let fractional = try #require(CopenhagenTime.parse("2026-12-01T09:30:00.1234567"))
        #expect(CopenhagenTime.local(fractional) == "2026-12-01T09:30:00")
        for bad in ["", "2026-02-30T09:00:00", "2026-13-01T09:00:00", "2026-12-01 09:30:00", "2026-12-01T25:00:00", "2026-12-01T09:30:00+1:00"] {
            #expect(CopenhagenTime.parse(bad) == nil, "\(bad)")
        }
        #expect(CopenhagenTime.day(try #require(CopenhagenTime.parse("2026-12-31T23:30:00"))) == "2026-12-31")
    }
}

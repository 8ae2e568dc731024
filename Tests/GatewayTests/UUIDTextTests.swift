import Foundation
import Planner
import Testing

/// The gateway's own GUID reading and writing agree with Foundation's, and refuse what it refuses.
@Suite struct UUIDTextTests {
    @Test func roundTripsAgreeWithFoundation() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(id.lowercasedText == id.uuidString.lowercased())
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.lowercasedText) == id)
        }
        for bad in ["", "not-a-guid", "6a15356d-d29d-4ec0-acdd-e86fdf5aa3a", "6a15356d-d29d-4ec0-acdd-e86fdf5aa3acc",
                    "6a15356dxd29d-4ec0-acdd-e86fdf5aa3ac", "6a15356d-d29d-4ec0-acdd-e86fdf5aa3ag", "6a15356d-d29d-4ec0-acdd-e86fdf5aa3aç"] {
            #expect(UUID(text: bad) == nil, "\(bad)")
            #expect(UUID(uuidString: bad) == nil, "\(bad)")
        }
    }
}

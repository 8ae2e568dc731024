/// Where a test may stop a rebooking half-way, to kill the gateway there and prove that the start-up
/// recovery finishes or undoes it. Set only by `serve --failpoint` (a hidden flag for tests); a
/// gateway in production has none.
public enum RebookingFailpoint: String, Sendable, CaseIterable {
    /// After the old booking is cancelled, before the new one is confirmed: the rebooking waits a minute.
    case afterCancel = "rebooking-after-cancel"
}

extension Rebooking {
    /// The rebooking's states and moves, one table for the live call and the start-up recovery:
    ///
    ///     reserving ──reserve new──▶ reserved ──cancel old──▶ cancelled ──confirm new──▶ done
    ///         │ fails                    │ fails                  │ fails twice
    ///         ▼                          ▼                        ▼
    ///       undone            release new ▶ undone     release new, restore old ▶ undone
    ///
    /// The live call knows how each move went. The recovery does not always: a gateway killed after
    /// Planner acted but before the journal said so leaves the journal one step behind, so where that
    /// matters Planner's bookings decide (`PlannerView`).
    enum StateMachine {
        enum Action: Equatable {
            /// CreateBookingReservation for the new time, or MakeBooking when Planner names no resource.
            case reserveNew
            /// CancelBooking of the old booking.
            case cancelOld
            /// ConfirmBookingReservation of the new time, twice at most (nothing to confirm after MakeBooking).
            case confirmNew
            /// CancelBooking of the new reservation (or booking): the old booking stands.
            case releaseNew
            /// MakeBooking of the old time, after the new one could not be confirmed.
            case restoreOld
            /// Nothing left to do: done or undone.
            case finished
        }

        /// What GetBookings says, for the recovery of an entry whose journal may be a step behind.
        struct PlannerView: Equatable {
            /// The old booking is still a current booking.
            var oldStands: Bool
            /// The new reservation is confirmed (status 1).
            var newConfirmed: Bool
        }

        /// The live call's move from a step it has just journaled.
        static func next(after step: RebookingJournalEntry.Step) -> Action {
            switch step {
            case .reserving: .reserveNew
            case .reserved: .cancelOld
            case .cancelled: .confirmNew
            case .done, .undone: .finished
            }
        }

        /// The move that undoes a failed one: nothing after a failed reservation, the new time released
        /// after a failed cancel, the old time restored after a confirmation that failed twice.
        static func compensation(for failed: Action) -> Action {
            switch failed {
            case .reserveNew: .finished
            case .cancelOld: .releaseNew
            case .confirmNew: .restoreOld
            case .releaseNew, .restoreOld, .finished: .finished
            }
        }

        /// The recovery's first move for a journaled step. `planner` is nil when GetBookings failed: the
        /// old booking is then taken to stand (releasing the new time loses nothing that is not restored).
        static func recovery(from step: RebookingJournalEntry.Step, planner: PlannerView?) -> Action {
            switch step {
            case .reserving:
                return .releaseNew
            case .reserved:
                // Killed after Planner cancelled the old booking, before the journal said so: go on.
                return planner?.oldStands == false ? .confirmNew : .releaseNew
            case .cancelled:
                // Killed after Planner confirmed, before the journal said so: nothing left to do.
                return planner?.newConfirmed == true ? .finished : .confirmNew
            case .done, .undone:
                return .finished
            }
        }
    }
}

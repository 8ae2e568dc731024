/// What runs transfers for `CurlTransport`: the multi loop or the worker pool.
protocol CurlEngine: Sendable {
    /// Runs the transfer, or completes it at once when the engine is closed.
    func submit(_ transfer: Transfer)
    /// The caller of the transfer with this cancellation was cancelled: end it now if possible.
    func cancelled(_ cancellation: TransferCancellation)
    /// Ends every transfer and stops the engine's thread(s).
    func close()
}

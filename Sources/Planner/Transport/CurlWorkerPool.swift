import CCurl
import Foundation

/// The first engine: a fixed pool of worker threads takes transfers from one queue, each blocking in
/// `curl_easy_perform` on a handle of its own (so its connections and TLS sessions are reused). Kept
/// beside the multi loop as `--planner-transport threads`: the benchmark compares the two in one run.
/// The pool size caps the concurrent calls to Planner.
final class CurlWorkerPool: CurlEngine {
    private let queue = TransferQueue()

    init(settings: PlannerTransportSettings) {
        for index in 0..<max(1, settings.workers) {
            let queue = self.queue
            let thread = Thread {
                let easy = CurlEasy(settings: settings, watchingCancellation: true)
                while let transfer = queue.pop() {
                    guard !transfer.cancellation.isCancelled else {
                        transfer.completion(.failure(TransferCancellation.failure))
                        continue
                    }
                    easy.prepare(transfer.request, cancellation: transfer.cancellation)
                    transfer.completion(easy.outcome(curl_easy_perform(easy.handle)))
                }
            }
            thread.name = "planner-curl-\(index)"
            thread.start()
        }
    }

    func submit(_ transfer: Transfer) { queue.push(transfer) }

    /// A transfer no worker has started is withdrawn; a started one is aborted by its progress callback.
    func cancelled(_ cancellation: TransferCancellation) { queue.withdraw(cancellation) }

    func close() { queue.close() }
}

/// A blocking FIFO for the workers. The workers are threads of their own that must sleep until a
/// transfer arrives, which a `Mutex` cannot do: `NSCondition` guards every field, and nothing is
/// touched outside it (hence `@unchecked`).
final class TransferQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Transfer] = []
    private var closed = false

    func push(_ transfer: Transfer) {
        condition.lock()
        if closed {
            condition.unlock()
            transfer.completion(.failure(Transfer.shutDown))
            return
        }
        items.append(transfer)
        condition.signal()
        condition.unlock()
    }

    func pop() -> Transfer? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        return items.isEmpty ? nil : items.removeFirst()
    }

    /// Takes a transfer that no worker has started out of the queue and completes it as cancelled.
    func withdraw(_ cancellation: TransferCancellation) {
        condition.lock()
        let index = items.firstIndex { $0.cancellation === cancellation }
        let withdrawn = index.map { items.remove(at: $0) }
        condition.unlock()
        withdrawn?.completion(.failure(TransferCancellation.failure))
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

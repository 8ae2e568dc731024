import CCurl
import Foundation
import Synchronization

/// libcurl's multi interface, driven by one thread of its own: every Planner transfer of the process
/// runs on it, non-blocking, side by side.
///
/// Why: with a worker pool each Planner call was handed to a thread that then slept in `recv` until the
/// answer came, and each answer woke that thread — a context switch or two per call on top of the
/// socket's. Here one thread waits on all of curl's sockets at once (`curl_multi_poll`); under load it
/// finds several answers per wake-up and finishes them in one pass.
///
/// The life of a transfer:
/// 1. `submit` (any thread) appends it to the inbox under a `Mutex` and, if the loop sleeps, wakes it
///    (`curl_multi_wakeup`, the one multi call libcurl allows from another thread).
/// 2. The loop takes transfers from the inbox while fewer than `workers` are running — the cap on
///    concurrent Planner calls; the rest wait in the inbox, in order, their timeout not yet started.
/// 3. Each taken transfer gets an idle easy handle (or a new one), is configured (`CurlEasy.prepare`)
///    and added to the multi handle; `curl_multi_perform` drives them all.
/// 4. A finished transfer (`CURLMSG_DONE`) is removed and its caller resumed with the outcome; the
///    handle goes back to the idle list, its connection to the multi handle's cache for the next one.
/// 5. A cancelled caller: a waiting transfer is withdrawn from the inbox at once (`cancelled`); a
///    running one is removed by the loop when it next wakes, which `cancelled` makes happen now.
/// 6. `close` ends every transfer as unreachable and lets the thread clean up and exit.
///
/// Everything but the inbox belongs to the loop's thread alone; the multi handle is touched from
/// elsewhere only by `curl_multi_wakeup`, and only while the inbox is open (under its lock), so never
/// after the loop has cleaned it up.
final class CurlMultiLoop: CurlEngine {
    private struct Inbox {
        var waiting: [Transfer] = []
        var closed = false
        /// Set by the loop just before it sleeps in `curl_multi_poll`; a caller that finds it set wakes
        /// the loop and clears it. A loop at work looks at the inbox before it sleeps anyway, so under
        /// load most transfers are handed over without a wake-up (a system call) at all.
        var loopSleeps = false
        /// A running transfer's caller was cancelled since the loop last looked: it must not sleep.
        var cancellations = false

        /// Wakes the loop if it sleeps (or is about to). Called with the lock held, so never after
        /// `closed` let the loop clean the multi handle up.
        mutating func wake(_ multi: MultiHandle) {
            guard loopSleeps, !closed else { return }
            loopSleeps = false
            curl_multi_wakeup(multi.pointer)
        }
    }

    /// The multi handle's address; `Sendable` so the loop object may be, used as described above.
    private struct MultiHandle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    private let inbox = Mutex(Inbox())
    private let multi: MultiHandle
    private let settings: PlannerTransportSettings
    /// How many transfers may run at once (`--planner-max-concurrent`).
    private let cap: Int

    init(settings: PlannerTransportSettings) {
        CurlGlobal.initialize()
        self.settings = settings
        self.cap = max(1, settings.workers)
        self.multi = MultiHandle(pointer: curl_multi_init())
        // Keep as many idle connections as transfers may run at once.
        _ = ccurl_multi_setopt_long(multi.pointer, CURLMOPT_MAXCONNECTS, cap)
        let thread = Thread { [self] in run() }
        thread.name = "planner-curl"
        thread.start()
    }

    func submit(_ transfer: Transfer) {
        let accepted = inbox.withLock { inbox in
            guard !inbox.closed else { return false }
            inbox.waiting.append(transfer)
            inbox.wake(multi)
            return true
        }
        if !accepted { transfer.completion(.failure(Transfer.shutDown)) }
    }

    func cancelled(_ cancellation: TransferCancellation) {
        let withdrawn = inbox.withLock { inbox -> Transfer? in
            guard let index = inbox.waiting.firstIndex(where: { $0.cancellation === cancellation }) else {
                // Running (or finishing): the loop ends it when it next looks, now.
                inbox.cancellations = true
                inbox.wake(multi)
                return nil
            }
            return inbox.waiting.remove(at: index)
        }
        withdrawn?.completion(.failure(TransferCancellation.failure))
    }

    func close() {
        inbox.withLock { inbox in
            guard !inbox.closed else { return }
            inbox.closed = true
            curl_multi_wakeup(multi.pointer)   // whether it sleeps or not: it checks before sleeping again
        }
    }

    // MARK: The loop's thread

    private struct Running {
        let easy: CurlEasy
        let transfer: Transfer
    }

    private func run() {
        var running: [UnsafeMutableRawPointer: Running] = [:]
        var idle: [CurlEasy] = []
        func end(_ handle: UnsafeMutableRawPointer, with outcome: (CurlEasy) -> Result<HTTPExchangeResponse, PlannerError>) {
            curl_multi_remove_handle(multi.pointer, handle)
            guard let entry = running.removeValue(forKey: handle) else { return }
            let result = outcome(entry.easy)
            idle.append(entry.easy)
            entry.transfer.completion(result)
        }
        while true {
            // 1–2. What callers sent, within the cap.
            let room = cap - running.count
            let (taken, closed) = inbox.withLock { inbox -> ([Transfer], Bool) in
                inbox.loopSleeps = false
                inbox.cancellations = false
                guard !inbox.closed else {
                    defer { inbox.waiting = [] }
                    return (inbox.waiting, true)
                }
                guard room > 0, !inbox.waiting.isEmpty else { return ([], false) }
                let count = min(room, inbox.waiting.count)
                defer { inbox.waiting.removeFirst(count) }
                return (Array(inbox.waiting.prefix(count)), false)
            }
            if closed {
                for transfer in taken { transfer.completion(.failure(Transfer.shutDown)) }
                for handle in Array(running.keys) { end(handle) { $0.abandon(Transfer.shutDown) } }
                idle.removeAll()
                curl_multi_cleanup(multi.pointer)
                return
            }
            // Whether a slot was freed (or a taken transfer not started): then the inbox is looked at
            // again before the loop sleeps, so a waiting transfer never waits for the next wake-up.
            var slotFreed = false
            // 3. Start them.
            for transfer in taken {
                guard !transfer.cancellation.isCancelled else {
                    transfer.completion(.failure(TransferCancellation.failure))
                    slotFreed = true
                    continue
                }
                let easy = idle.popLast() ?? CurlEasy(settings: settings)
                easy.prepare(transfer.request)
                running[easy.handle] = Running(easy: easy, transfer: transfer)
                let added = curl_multi_add_handle(multi.pointer, easy.handle)
                if added != CURLM_OK {
                    let reason = curl_multi_strerror(added).map { String(cString: $0) } ?? "curl_multi_add_handle failed"
                    end(easy.handle) { $0.abandon(.unreachable("\(reason) (curl multi \(added.rawValue))")) }
                    slotFreed = true
                }
            }
            // 5. Cancelled callers' running transfers end now.
            for (handle, entry) in running where entry.transfer.cancellation.isCancelled {
                end(handle) { $0.abandon(TransferCancellation.failure) }
                slotFreed = true
            }
            // 3–4. Let curl move every transfer on; finish those it has ended.
            var stillRunning: Int32 = 0
            curl_multi_perform(multi.pointer, &stillRunning)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi.pointer, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result  // read before removal invalidates the message
                end(handle) { $0.outcome(code) }
                slotFreed = true
            }
            if slotFreed { continue }
            // Sleep until a socket is ready, a timeout of curl's falls due, or a caller wakes the loop —
            // unless something came in since the inbox was looked at (its caller did not wake the loop).
            let count = running.count
            let sleeps = inbox.withLock { inbox -> Bool in
                let startable = !inbox.waiting.isEmpty && count < cap
                guard !inbox.closed, !inbox.cancellations, !startable else { return false }
                inbox.loopSleeps = true
                return true
            }
            if sleeps { curl_multi_poll(multi.pointer, nil, 0, 1_000, nil) }
        }
    }
}

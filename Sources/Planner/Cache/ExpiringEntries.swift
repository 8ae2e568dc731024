import Foundation

/// The bookkeeping of a short-lived cache of Planner answers (`PersonCache`, `CategoryCache`): entries
/// that expire, at most `capacity` of them, the least recently stored going first when full, and a
/// count of drops so that an answer read before a change is not stored after it. A value type: the
/// cache that holds it guards it with its lock.
struct ExpiringEntries<Key: Hashable, Value> {
    let capacity: Int
    private var entries: [Key: Entry] = [:]
    /// The keys in the order they were stored (with the store's number), oldest from `head`: the oldest
    /// goes when full, without a search. An entry stored again, or removed, leaves a stale line here that
    /// eviction skips.
    private var order: [(key: Key, stored: Int)] = []
    private var head = 0
    private var stored = 0
    /// Counts every drop: a lookup that started before one may not store what it read.
    private(set) var drops = 0

    private struct Entry {
        var value: Value
        var expires: Date
        /// The store's number: which line of `order` is this entry's.
        var stored: Int
    }

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    enum Lookup {
        case fresh(Value)
        /// It had expired, and is now removed.
        case expired(Value)
        case absent
    }

    /// The entry for `key` as of `now`; an expired one is removed.
    mutating func lookup(_ key: Key, now: Date) -> Lookup {
        guard let entry = entries[key] else { return .absent }
        guard entry.expires > now else {
            entries[key] = nil
            return .expired(entry.value)
        }
        return .fresh(entry.value)
    }

    /// Stores `value` unless a drop happened since `lookupStarted` (then nil); returns the entries it
    /// removed: the key's earlier one, and those evicted to make room.
    @discardableResult
    mutating func store(_ value: Value, for key: Key, expires: Date, lookupStarted: Int) -> [(key: Key, value: Value)]? {
        guard drops == lookupStarted else { return nil }
        var evicted: [(key: Key, value: Value)] = []
        if let earlier = entries.removeValue(forKey: key) { evicted.append((key, earlier.value)) }
        while entries.count >= capacity, let oldest = evictOldest() { evicted.append(oldest) }
        stored += 1
        entries[key] = Entry(value: value, expires: expires, stored: stored)
        order.append((key, stored))
        compact()
        return evicted
    }

    /// Removes `key`'s entry (if any) and counts a drop.
    @discardableResult
    mutating func drop(_ key: Key?) -> Value? {
        drops += 1
        guard let key else { return nil }
        return entries.removeValue(forKey: key)?.value
    }

    var count: Int { entries.count }

    /// The lines `order` holds beyond its head (for tests: it stays near the live count).
    var bookkeepingLines: Int { order.count - head }

    /// Removes the oldest live entry.
    private mutating func evictOldest() -> (key: Key, value: Value)? {
        while head < order.count {
            let line = order[head]
            head += 1
            if let entry = entries[line.key], entry.stored == line.stored {
                entries[line.key] = nil
                return (line.key, entry.value)
            }
        }
        return nil
    }

    /// Keeps `order` near the live count: the lines before `head`, and those of entries stored again,
    /// dropped or expired, go once they outnumber the live ones (plus a margin, so it is rare).
    private mutating func compact() {
        guard order.count > 2 * entries.count + 1024 else { return }
        order = order[head...].filter { entries[$0.key]?.stored == $0.stored }
        head = 0
    }
}

extension String {
    /// At most `count` characters; `orIfEmpty` stands in for an empty string where the contract needs one.
    func limited(to count: Int, orIfEmpty placeholder: String? = nil) -> String {
        if isEmpty, let placeholder { return placeholder }
        return self.count <= count ? self : String(prefix(count))
    }
}

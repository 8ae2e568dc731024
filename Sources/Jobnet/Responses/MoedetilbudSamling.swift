import SOAP

/// GetSelvbookingMoedetilbud's answer: the offers the citizen may book online (`MoedetilbudSamling`).
public struct MoedetilbudSamling: JobnetResponseBody, Equatable {
    public var offers: [Moedetilbud]

    public init(_ offers: [Moedetilbud]) {
        self.offers = offers
    }

    /// An offer takes about 700 bytes (its title and description cut to 100 and 500 characters).
    public var estimatedBytes: Int { 1_024 + offers.count * 900 }

    public func write(to writer: inout XMLWriter) {
        writer.open("tns:MoedetilbudSamling")
        for offer in offers {
            writer.open("tns:Moedetilbud")
            offer.write(to: &writer)
            writer.close("tns:Moedetilbud")
        }
        writer.close("tns:MoedetilbudSamling")
    }
}

extension IndkaldelseRequest: JobnetRequestBody {
    public init(reading reader: BodyReader, urlIdentifier: String?) throws(StarFault) {
        self.init(bookingId: try reader.uuid("IndkaldelseId", orURL: urlIdentifier))
    }
}

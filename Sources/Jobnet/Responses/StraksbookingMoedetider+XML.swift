import SOAP

extension StraksbookingMoedetider: JobnetResponseBody {
    public var estimatedBytes: Int { moedetider.estimatedBytes + 1_024 }

    /// The timeslot list, then the immediate-booking offer's own fields (digest §4.11).
    public func write(to writer: inout XMLWriter) {
        moedetider.write(to: &writer)
        writer.element("tns:InterviewOptionID", offer.id)
        writer.element("tns:MeetingTitle", offer.meetingTitle.limited(to: 100, orIfEmpty: "-"))
        if let description = offer.meetingDescription, !description.isEmpty {
            writer.element("tns:MeetingDescription", description.limited(to: 500))
        }
        writer.element("tns:MeetingDurationMinutes", integer: offer.meetingDurationMinutes)
        writer.element("tns:InterviewTypeIdentifier", integer: offer.interviewTypeIdentifier)
        writer.element("tns:InterviewFormTypeIdentifier", integer: offer.interviewFormTypeIdentifier)
        offer.location?.write(to: &writer)
        writer.element("tns:AllowChoiceOfSupervisor", offer.allowChoiceOfSupervisor)
    }
}

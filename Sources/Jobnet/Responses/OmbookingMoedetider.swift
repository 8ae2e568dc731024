import SOAP

/// GetOmbookingMoedetider's answer: the timeslot list and the booking's interview type.
public struct OmbookingMoedetider: JobnetResponseBody, Equatable {
    public var moedetider: Moedetider
    public var interviewType: Int

    public init(moedetider: Moedetider, interviewType: Int) {
        self.moedetider = moedetider
        self.interviewType = interviewType
    }

    public var estimatedBytes: Int { moedetider.estimatedBytes + 128 }

    public func write(to writer: inout XMLWriter) {
        moedetider.write(to: &writer)
        writer.element("tns:InterviewTypeIdentifier", integer: interviewType)
    }
}

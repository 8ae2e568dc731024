import CopenhagenTime
import Foundation
import SOAP

extension Moedetilbud {
    func write(to writer: inout XMLWriter) {
        writer.element("tns:MoedetilbudId", id)
        writer.element("tns:InterviewTypeIdentifier", integer: interviewTypeIdentifier)
        writer.element("tns:InterviewFormTypeIdentifier", integer: interviewFormTypeIdentifier)
        writer.open("tns:SamtaleformSamling")
        for samtaleform in samtaleformer { writer.element("tns:SamtaleformType", integer: samtaleform) }
        writer.close("tns:SamtaleformSamling")
        location?.write(to: &writer)
        writer.element("tns:MeetingDurationMinutes", integer: meetingDurationMinutes)
        if let firstTimeslot { writer.element("tns:FirstTimeslot", CopenhagenTime.format(firstTimeslot)) }
        if let lastTimeslot { writer.element("tns:LastTimeslot", CopenhagenTime.format(lastTimeslot)) }
        writer.element("tns:AllowChoiceOfSupervisor", allowChoiceOfSupervisor)
        writer.element("tns:MeetingTitle", meetingTitle.limited(to: 100, orIfEmpty: "-"))
        if let meetingDescription, !meetingDescription.isEmpty {
            writer.element("tns:MeetingDescription", meetingDescription.limited(to: 500))
        }
        if !supervisors.isEmpty {
            writer.open("tns:SupervisorCollection")
            for supervisor in supervisors { supervisor.write(as: "tns:Supervisor", to: &writer) }
            writer.close("tns:SupervisorCollection")
        }
    }
}

import SOAP

/// GetOmbookingSagsbehandlere's answer: whether a caseworker may be chosen, and whom.
public struct SagsbehandlereAnswer: JobnetResponseBody, Equatable {
    public var allowChoiceOfSupervisor: Bool
    public var supervisors: [CaseWorker]

    public init(allowChoiceOfSupervisor: Bool, supervisors: [CaseWorker]) {
        self.allowChoiceOfSupervisor = allowChoiceOfSupervisor
        self.supervisors = supervisors
    }

    public func write(to writer: inout XMLWriter) {
        writer.element("tns:AllowChoiceOfSupervisor", allowChoiceOfSupervisor)
        writer.open("tns:SupervisorCollection")
        for supervisor in supervisors { supervisor.write(as: "tns:Supervisor", to: &writer) }
        writer.close("tns:SupervisorCollection")
    }
}

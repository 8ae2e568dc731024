import Planner

/// One call's parameters, read where the simulator's route puts them: a path capture, the query, or
/// the JSON body. Names match case-insensitively, as ASP.NET binds them; a parameter sent anywhere
/// else is missing, and the call gets Planner's 400.
struct SimulatorCallParameters {
    let route: PlannerRoute
    let path: [String: String]
    let query: [String: String]
    let body: [String: Any]

    subscript(name: String) -> Any? {
        let key = name.lowercased()
        switch route.location(of: name) {
        case .path: return path.first { $0.key.lowercased() == key }?.value
        case .query: return query.first { $0.key.lowercased() == key }?.value
        case .body: return body.first { $0.key.lowercased() == key }?.value
        }
    }
}

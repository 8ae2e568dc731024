import Foundation
import Testing

/// A throw-away PostgreSQL cluster for one test, from Debian's packages (`make test` installs them):
/// initdb in a temporary directory, trust authentication, listening on 127.0.0.1 and a free port only,
/// fsync off. PostgreSQL refuses to run as root, so as root (CI) it runs as Debian's `postgres` user.
final class TestPostgres: @unchecked Sendable {
    let directory: String
    let port: Int
    private let binaries: String

    /// The cluster's database, as `--database` takes it.
    func url() -> String {
        "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable"
    }

    static func start() async throws -> TestPostgres {
        let binaries = try #require(
            (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.sorted().last
                .map { "/usr/lib/postgresql/\($0)/bin" },
            "PostgreSQL's server is not installed (make test installs Debian's postgresql)")
        let directory = NSTemporaryDirectory() + "jobnet-gateway-pg-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let cluster = TestPostgres(directory: directory, port: try freePort(), binaries: binaries)
        if getuid() == 0 { _ = try await run("/bin/chown", ["postgres", directory]) }
        let initdb = try await cluster.asPostgres("initdb", ["-D", directory + "/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
        try #require(initdb.status == 0, "initdb: \(initdb.output)")
        try await cluster.resume()
        return cluster
    }

    private init(directory: String, port: Int, binaries: String) {
        self.directory = directory
        self.port = port
        self.binaries = binaries
    }

    /// Starts the server (again, after `pause`), waiting until it accepts connections.
    func resume() async throws {
        let started = try await asPostgres(leavingARunningChild: true, "pg_ctl", [
            "-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "30", "start",
            "-o", "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
        ])
        try #require(started.status == 0, "pg_ctl start failed: \((try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? "")")
    }

    /// Stops the server at once (its clients' connections break), keeping its data for `resume`.
    func pause() async throws {
        _ = try await asPostgres("pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"])
    }

    /// Freezes every process of the server (SIGSTOP): a server that hangs, its connections open and silent.
    func freeze() async throws { try await signalServer("-STOP") }

    /// Lets a frozen server run again (SIGCONT).
    func thaw() async throws { try await signalServer("-CONT") }

    private func signalServer(_ signal: String) async throws {
        let pidFile = try String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8)
        let postmaster = try #require(pidFile.split(separator: "\n").first.map(String.init))
        _ = try await run("/usr/bin/pkill", [signal, "-P", postmaster])
        _ = try await run("/bin/kill", [signal, postmaster])
    }

    /// Stops the server and deletes the cluster.
    func stop() async {
        _ = try? await asPostgres("pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs an SQL statement with psql and returns its unaligned output.
    func sql(_ statement: String, database: String = "postgres") async throws -> String {
        let result = try await asPostgres("psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", database, "-At", "-c", statement])
        try #require(result.status == 0, "psql: \(result.output)")
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs one of PostgreSQL's tools (as `postgres` when this is root). `leavingARunningChild`: the tool
    /// starts the server, which would inherit whatever the tool has open — among it the descriptor by
    /// which Foundation's `Process` sees a child end, which then never ends — so it is spawned without
    /// Foundation, every descriptor above standard error closed, and waited for by its pid.
    private func asPostgres(leavingARunningChild: Bool = false, _ tool: String, _ arguments: [String]) async throws
        -> (status: Int32, output: String)
    {
        let command = getuid() == 0
            ? ["/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "\(binaries)/\(tool)"] + arguments
            : ["\(binaries)/\(tool)"] + arguments
        guard leavingARunningChild else { return try await run(command[0], Array(command.dropFirst())) }
        return try await blocking { (spawnAndWait(command), "") }
    }

    /// A loopback port no one listens on now.
    private static func freePort() throws -> Int {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        try #require(bound, "no free port")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Runs `body` with a PostgreSQL cluster started for it, and stops the cluster afterwards whatever happens.
func withTestPostgres(_ body: (TestPostgres) async throws -> Void) async throws {
    let cluster = try await TestPostgres.start()
    do {
        try await body(cluster)
    } catch {
        await cluster.stop()
        throw error
    }
    await cluster.stop()
}

/// posix_spawn and waitpid: the child gets /dev/null for its output and no other inherited descriptor.
private func spawnAndWait(_ command: [String]) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    for descriptor in open where descriptor > 2 && fcntl(descriptor, F_GETFD) != -1 {
        posix_spawn_file_actions_addclose(&actions, descriptor)
    }
    let arguments = command.map { strdup($0) } + [nil]
    defer { for argument in arguments { free(argument) } }
    var pid = pid_t()
    guard posix_spawn(&pid, command[0], &actions, nil, arguments, environ) == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return (status >> 8) & 0xff
}

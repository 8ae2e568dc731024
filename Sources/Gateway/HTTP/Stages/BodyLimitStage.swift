import CompressNIO
import Hummingbird

/// The body, read within the limit: a request that says it is longer is answered 413 before any of it
/// is read, one that turns out longer is cut off at the limit and answered 413, and the stages after
/// this one get the body in memory.
///
/// A body sent with `Content-Encoding: gzip` or `deflate` (CXF's GZIP feature, Axis2) is inflated, and
/// what it inflates to is held to the same limit: a decompression bomb is 413 too. A body that does not
/// inflate is 400; any other encoding is 415.
struct BodyLimitStage: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return Response(status: .contentTooLarge)
        }
        var request = request
        var body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            return Response(status: .contentTooLarge)
        }
        let encoding = request.headers[.contentEncoding]?.trimmingCharacters(in: .whitespaces).lowercased() ?? "identity"
        let algorithm: CompressionAlgorithm?
        switch encoding {
        case "identity", "": algorithm = nil
        case "gzip", "x-gzip": algorithm = .gzip()
        case "deflate": algorithm = .zlib()
        default: return Response(status: .unsupportedMediaType)
        }
        if let algorithm {
            do {
                body = try body.decompress(with: algorithm, maxSize: limit)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                return Response(status: .contentTooLarge)
            } catch {
                return Response(status: .badRequest)
            }
        }
        request.body = RequestBody(buffer: body)
        return try await next(request, context)
    }
}
